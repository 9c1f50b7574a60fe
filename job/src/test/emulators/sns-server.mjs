// A real SNS API server (query protocol, as the AWS SDKs speak it) for the tests: the SNSServer of npm
// serverless-offline-sns, without the Serverless framework plugin around it. Listens on loopback only.
// Usage: node sns-server.mjs PORT [REGION] [ACCOUNT]; prints "SNS listening on 127.0.0.1:PORT" when ready.
// HTTP subscriptions receive each notification as a JSON POST (Type "Notification", Message, MessageAttributes).
import express from "express";
import { SNSServer } from "./node_modules/serverless-offline-sns/dist/sns-server.js";

const port = Number(process.argv[2] || 0);
const region = process.argv[3] || "us-east-1";
const account = process.argv[4] || "000000000000";
const debug = process.env.SNS_DEBUG ? (msg) => console.log("[sns]", msg) : () => {};

const app = express();
new SNSServer(debug, app, region, account);
const server = app.listen(port, "127.0.0.1", () => {
  console.log(`SNS listening on 127.0.0.1:${server.address().port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
