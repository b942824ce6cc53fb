import { createReadStream } from 'node:fs';
import { validateStream } from '@smartcitylab/validate';
let n = 0; let peak = 0; let i = 0;
for await (const r of validateStream(createReadStream(process.argv[2]!, { highWaterMark: 65_536, ...(process.argv[4] ? { encoding: 'utf8' } : {}) }), { maxIssuesPerEntity: 3, duplicateWindow: Number(process.argv[3] ?? 100000) })) { n++; if (++i % 20000 === 0) { const m = process.memoryUsage(); console.log(i, (m.rss/1048576).toFixed(0), (m.heapUsed/1048576).toFixed(0), (m.heapTotal/1048576).toFixed(0)); } }
console.log(n, 'maxRSS', (process.resourceUsage().maxRSS/1024).toFixed(0));
