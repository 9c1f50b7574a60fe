package com.example.eum.analytics.generator;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * When each message is requested: the run's own stream (message {@code j} at {@code start + floor(j * 1000 / rate)})
 * merged with one stream per surge incident (pumping, blast, viral launch), each as regular over its window. The
 * global message index orders all of them by (request time, stream, index within the stream), so request times
 * never decrease with the index and the index range of any time window is known without planning anything. With
 * no surge the global index is the run's own index, so traffic without incidents is unchanged.
 */
final class RequestSchedule implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Messages at a constant rate over [start, end). */
    static final class Stream implements Serializable {
        private static final long serialVersionUID = 1L;
        final double rate;
        final long start;
        /** Number of messages, Long.MAX_VALUE when unbounded. */
        final long size;
        /** The surge incident, or null for the run's own stream. */
        final InjectedIncident incident;

        Stream(double rate, long start, long end, InjectedIncident incident) {
            this.rate = rate;
            this.start = start;
            this.incident = incident;
            this.size = end == Long.MAX_VALUE ? Long.MAX_VALUE : uncappedBefore(end);
        }

        long time(long j) {
            return start + (long) Math.floor(j * 1000.0 / rate);
        }

        private long uncappedBefore(long t) {
            if (t <= start) {
                return 0;
            }
            long i = (long) Math.floor((t - start) * rate / 1000.0);
            while (i > 0 && time(i - 1) >= t) {
                i--;
            }
            while (time(i) < t) {
                i++;
            }
            return i;
        }

        /** Messages of this stream requested before {@code t}. */
        long before(long t) {
            return Math.min(size, uncappedBefore(t));
        }
    }

    /** A message's stream and its index within the stream. */
    static final class Slot {
        final int stream;
        final long local;

        Slot(int stream, long local) {
            this.stream = stream;
            this.local = local;
        }
    }

    private final Stream[] streams;

    RequestSchedule(GeneratorSettings s) {
        List<Stream> list = new ArrayList<>();
        list.add(new Stream(s.rate, s.startTime, s.requestEnd(), null));
        for (InjectedIncident i : s.incidents) {
            if (i.kind.addsTraffic) {
                long from = Math.max(s.startTime, i.start(s));
                list.add(new Stream(i.surgeRate(s), from, Math.max(from, i.end(s)), i));
            }
        }
        streams = list.toArray(new Stream[0]);
    }

    Stream stream(int k) {
        return streams[k];
    }

    /** Messages of all streams requested before {@code t}. */
    long before(long t) {
        long n = 0;
        for (Stream s : streams) {
            n += s.before(t);
            if (n < 0) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /** Number of messages; Long.MAX_VALUE when unbounded. */
    long size() {
        long n = 0;
        for (Stream s : streams) {
            if (s.size == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            n += s.size;
        }
        return n;
    }

    /** Request time of message {@code index}: the last millisecond {@code t} with {@code before(t) <= index}. */
    long requestTime(long index) {
        if (streams.length == 1) {
            return streams[0].time(index);
        }
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("message " + index + " of " + size());
        }
        long lo = streams[0].start;
        for (Stream s : streams) {
            lo = Math.min(lo, s.start);
        }
        long step = 1;
        long hi = lo + step;
        while (before(hi) <= index) {
            lo = hi;
            step *= 2;
            hi = lo + step;
        }
        // before(lo) <= index < before(hi)
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (before(mid) <= index) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Smallest index whose request time is at or after {@code t}. */
    long firstIndexAtOrAfter(long t) {
        return before(t);
    }

    /** The stream and in-stream index of message {@code index}. */
    Slot slot(long index) {
        if (streams.length == 1) {
            return new Slot(0, index);
        }
        long t = requestTime(index);
        long offset = index - before(t);
        for (int k = 0; k < streams.length; k++) {
            long first = streams[k].before(t);
            long n = streams[k].before(t + 1) - first;
            if (offset < n) {
                return new Slot(k, first + offset);
            }
            offset -= n;
        }
        throw new IllegalStateException("message " + index + " is in no stream");
    }
}
