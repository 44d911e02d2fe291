// Compares regenpath's ICU-based Jalali conversion with jalaali-js (an independent
// implementation of Borkowski's algorithm) on every day from 1925-01-01 to 2075-12-31,
// in both directions. Usage: node jalali_vs_jalaali.mjs /path/to/regenpath
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jalaali = require('jalaali-js');
const binary = process.argv[2];
const pad = (n, w = 2) => String(n).padStart(w, '0');
const iso = (y, m, d) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

const gregorian = [];
const jalali = [];
for (let t = Date.UTC(1925, 0, 1); t <= Date.UTC(2075, 11, 31); t += 86400000) {
  const d = new Date(t);
  const [gy, gm, gd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const j = jalaali.toJalaali(gy, gm, gd);
  gregorian.push(iso(gy, gm, gd));
  jalali.push(iso(j.jy, j.jm, j.jd));
}

function run(sub, lines) {
  const r = spawnSync(binary, ['date', sub], { input: lines.join('\n') + '\n', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`regenpath date ${sub} exited ${r.status}: ${r.stderr}`);
  return r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
}

let failures = 0;
const forward = run('jalali', gregorian);
const backward = run('gregorian', jalali);
if (forward.length !== gregorian.length || backward.length !== jalali.length) {
  console.error('line count mismatch');
  process.exit(1);
}
for (let i = 0; i < gregorian.length; i++) {
  if (forward[i].gregorian !== gregorian[i] || forward[i].jalali !== jalali[i]) {
    if (failures++ < 10) console.error(`G->J ${gregorian[i]}: regenpath ${forward[i].jalali}, jalaali-js ${jalali[i]}`);
  }
  if (backward[i].gregorian !== gregorian[i] || backward[i].jalali !== jalali[i]) {
    if (failures++ < 10) console.error(`J->G ${jalali[i]}: regenpath ${backward[i].gregorian}, jalaali-js ${gregorian[i]}`);
  }
}
console.log(`${gregorian.length} days compared both ways, ${failures} disagreements`);
process.exit(failures === 0 ? 0 : 1);
