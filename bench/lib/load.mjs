// One autocannon measurement, with the server's resident memory sampled while it runs.
import autocannon from 'autocannon';
import { cpuMs, rssMiB } from './util.mjs';

/**
 * `paths` rotate per request (get by id over many ids, patch over many tasks); a body is sent as is.
 * Returns req/s (2xx only), p50/p99 latency in ms, the non-2xx count, and for the server `pid` its
 * peak RSS and CPU ms per request (which, unlike req/s, hardly depends on what else the machine runs).
 */
export async function measure({ base, method = 'GET', paths, headers, body, connections, duration, pid }) {
  let peakRss = 0;
  const sampler = setInterval(() => {
    const rss = pid ? rssMiB(pid) : null;
    if (rss !== null && rss > peakRss) peakRss = rss;
  }, 200);
  let i = 0;
  const cpuBefore = pid ? cpuMs(pid) : null;
  try {
    const result = await autocannon({
      url: base,
      connections,
      duration,
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body,
      requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
    });
    const ok = result['2xx'];
    const cpuAfter = pid ? cpuMs(pid) : null;
    return {
      rps: ok / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      requests: result.requests.total,
      bad: result.non2xx + result.errors + result.timeouts,
      peakRss: peakRss || null,
      cpuPerRequest: cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : null,
    };
  } finally {
    clearInterval(sampler);
  }
}
