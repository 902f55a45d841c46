// A separate process for the state store's concurrency test: adds `count`
// quarantine records named `<tag>-<n>`, one update each, as fast as it can.
import { withQuarantine } from '../../main/state/panelState';
import { StateStore } from '../../main/state/stateStore';

const [file = '', tag = '', count = '0'] = process.argv.slice(2);

async function write(store: StateStore): Promise<void> {
  for (let n = 0; n < Number(count); n++) {
    const alias = `${tag}-${n}`;
    await store.update((state) =>
      withQuarantine(state, `64-bit:${alias}`, {
        alias,
        file: { path: `C:\\drivers\\${alias}.dll`, size: n, modified: '2026-11-22T00:00:00.000Z' },
        message: 8,
        stage: 'message',
        what: 'crashed',
        exitCode: 0xc0000005,
        at: new Date().toISOString(),
      }),
    );
  }
}

void write(new StateStore(file));
