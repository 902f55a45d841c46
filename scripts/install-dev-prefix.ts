// Prepares the prefix a person uses with `npm run cli:wine` (WINEPREFIX, or
// .cache/wineprefix) and registers the fixture drivers in it to try things on.
import { resolve } from 'node:path';
import { registerFixtures } from '../test/wine/fixtureRegistry';
import { defaultPrefix, prepare } from './prepare-wine';

const prefix = resolve(process.env.WINEPREFIX ?? defaultPrefix);
prepare(prefix);
registerFixtures(prefix);
console.log(`Wine prefix ready with the fixture drivers: ${prefix}`);
