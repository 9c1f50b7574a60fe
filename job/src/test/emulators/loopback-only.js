'use strict';
// Preloaded into kinesis-local (node --require loopback-only.js main.js): kinesis-local 0.6.2 hard-codes the
// listen host 0.0.0.0 and offers no option to change it, so test servers would accept connections on every
// interface. This forces every TCP listen without a specific host onto 127.0.0.1 (loopback only).
const net = require('net');

const LOOPBACK = '127.0.0.1';
const WILDCARDS = new Set(['', '0.0.0.0', '::', '0:0:0:0:0:0:0:0']);
const listen = net.Server.prototype.listen;

function isPort(value) {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (isPort(first)) {
    if (typeof args[1] === 'string') {
      if (WILDCARDS.has(args[1])) {
        args[1] = LOOPBACK;
      }
    } else {
      args.splice(1, 0, LOOPBACK);
    }
  } else if (first !== null && typeof first === 'object' && first.path === undefined && first.handle === undefined
      && first.fd === undefined && !(first instanceof net.Server) && (first.host === undefined || WILDCARDS.has(first.host))) {
    args[0] = Object.assign({}, first, { host: LOOPBACK });
  }
  return listen.apply(this, args);
};
