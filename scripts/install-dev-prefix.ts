// Prepares the prefix a person uses with `npm run cli:wine` (WINEPREFIX, or
// .cache/wineprefix) and registers the fixture drivers in it to try things on,
// healthy and broken ones.
import { resolve } from 'node:path';
import { faultyFixtures, registerFixtures } from '../test/wine/fixtureRegistry';
import { defaultPrefix, prepare } from './prepare-wine';

const prefix = resolve(process.env.WINEPREFIX ?? defaultPrefix);
prepare(prefix);
// The broken drivers too, so that quarantine can be seen: the first listing waits 5 s for each hanging one.
registerFixtures(prefix, undefined, faultyFixtures);
console.log(`Wine prefix ready with the fixture drivers: ${prefix}`);
