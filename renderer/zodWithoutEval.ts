/**
 * Imported first by every script of the page. The panel's Content-Security-Policy
 * forbids eval; without this, zod tries `new Function` once, when its first
 * schema is built, to see whether it may compile parsers, and the browser
 * reports that as a violation.
 */
import { config } from 'zod';

config({ jitless: true });
