/**
 * Run by catalogReader.test.ts with the Windows Node under Wine: starts the
 * catalog worker and closes it again at every moment of its start, as the CLI
 * does when a command ends before the worker is needed; densest where the
 * worker loads its DLLs under Wine. Prints a line per close.
 */
import { join } from 'node:path';
import { CatalogReader } from '../../main/catalog/catalogReader';

const worker = join(__dirname, '..', 'main', 'catalogWorker.js');

async function closeWhileStarting(): Promise<void> {
  for (let ms = 40; ms <= 250; ms += 3) {
    const reader = new CatalogReader(worker);
    reader.warmUp();
    await new Promise((resolve) => setTimeout(resolve, ms));
    await reader.close();
    process.stdout.write(`closed ${ms} ms after the start\n`);
  }
}

void closeWhileStarting();
