import { writeWeb } from '../infra/console-build.js';

/** npm run build:web: the web console into web/dist/ (infra/console-build.ts). */
const written = await writeWeb();
process.stdout.write(`web/dist: ${written.join(', ')}\n`);
