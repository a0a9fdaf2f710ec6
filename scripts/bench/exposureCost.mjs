// CPU of one exposure map (the code lens summary) on kube-proxy-shaped dumps of several sizes, each
// timed on a text not mapped before in the process (a keystroke's new version), as an editor asking for
// lenses after a change pays it. The lens limit in server/src/exposureRequests.ts follows from this.
// usage: npx tsc -p . && node scripts/bench/exposureCost.mjs [LINES...]
import { createRequire } from 'node:module';
import { kubeDump } from './kubeDump.mjs';
const require = createRequire(import.meta.url);
const { exposureReport, exposureCacheStats } = require('../../out/server/src/service/exposure/index.js');

const sizes = process.argv.slice(2).map(Number);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// A first map warms the code up, so the sizes compare like with like.
exposureReport(kubeDump(500), 'iptables');
for (const lines of sizes.length ? sizes : [1_000, 2_000, 5_000, 10_000]) {
  const text = kubeDump(lines);
  const times = [];
  for (let i = 0; i < 2; i++) {
    const t0 = cpuMs();
    // One more comment line: new text, so no map cached from the previous round answers it.
    const before = exposureCacheStats.computed;
    exposureReport(`${text}\n# ${i}\n`, 'iptables');
    times.push(cpuMs() - t0);
    if (exposureCacheStats.computed === before) throw new Error('the map came from the cache; nothing was timed');
  }
  console.log(`${lines} lines: ${times.map((t) => t.toFixed(0)).join(' / ')} ms CPU`);
}
