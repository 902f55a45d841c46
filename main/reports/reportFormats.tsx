/**
 * A support report as JSON, CSV (RFC 4180, by csv-stringify) or one
 * self-contained HTML page that reads well printed. React renders the HTML, so
 * every value from a driver or the registry is escaped.
 */
import { stringify } from 'csv-stringify/sync';
import { renderToStaticMarkup } from 'react-dom/server';
import { reportRow, type ReportFormat, type SupportReport } from '../../app/supportReport';
import { statusLabels } from '../../app/statusWords';
import { Breakable } from './breakable';
import { NATIVE_VIEW } from '../../app/views';

const printStyle = `
  /* A value longer than the line (a hostile alias or parameter) wraps rather than widening the page. */
  body { font: 10pt "Segoe UI", system-ui, sans-serif; margin: 1.5em; color: #000; overflow-wrap: anywhere; }
  h1 { font-size: 16pt; margin: 0 0 .2em; }
  h2 { font-size: 13pt; margin: 1.2em 0 .4em; }
  h3 { font-size: 11pt; margin: 0 0 .3em; }
  table { border-collapse: collapse; width: 100%; }
  /* Words stay whole in the overview: its values wrap at the breaks Breakable marks, so the columns are sized by them. */
  th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
  th { background: #eee; }
  tr, section { break-inside: avoid; }
  thead { display: table-header-group; }
  section { border-top: 1px solid #999; padding: .5em 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 1em; margin: 0; }
  dt { color: #444; }
  dd { margin: 0; }
  @media print { body { margin: 0; } @page { margin: 1.5cm; } }
`;

/** The overview table: what a person scans for first; every field follows per driver. */
const summaryColumns = ['alias', 'kind', 'status', 'configurable', 'file', 'version', 'company', 'restart pending for'] as const;

function DriverSection({ row }: { row: Record<string, string> }): React.JSX.Element {
  return (
    <section>
      <h3>{row.alias}</h3>
      <dl>
        {Object.entries(row)
          .filter(([field, value]) => field !== 'alias' && value !== '')
          .map(([field, value]) => (
            <div key={field} style={{ display: 'contents' }}>
              <dt>{field}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

function ReportPage({ report }: { report: SupportReport }): React.JSX.Element {
  // A person reads this page: the status in the panel's words, with its code beside it for support.
  const rows = report.drivers.map((d): Record<string, string> => ({ ...reportRow(d, report.restarts), status: `${statusLabels[d.status]} (${d.status})` }));
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>{`Multimedia drivers on ${report.machine.name}`}</title>
        <style>{printStyle}</style>
      </head>
      <body>
        <h1>Multimedia drivers on {report.machine.name}</h1>
        <p>
          {report.machine.windows} · report made {report.generatedAt} · {report.drivers.length} driver(s)
        </p>
        <h2>Waiting for a restart</h2>
        {report.restarts.length === 0 ? (
          <p>Nothing.</p>
        ) : (
          <ul>
            {report.restarts.map((r) => (
              <li key={`${r.id}-${r.action}`}>
                {r.alias}: {r.action} on {r.at}
              </li>
            ))}
          </ul>
        )}
        {report.notices.length > 0 && (
          <>
            <h2>Notices</h2>
            <ul>
              {report.notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </>
        )}
        <h2>Drivers</h2>
        <table>
          <thead>
            <tr>
              {summaryColumns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {summaryColumns.map((c) => (
                  <td key={c}>
                    <Breakable text={row[c] ?? ''} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Every field, driver by driver</h2>
        {rows.map((row, i) => (
          <DriverSection key={i} row={row} />
        ))}
      </body>
    </html>
  );
}

/** Only for the column names of an empty report. */
const emptyDriver = {
  id: '',
  alias: '',
  kind: 'other',
  file: '',
  parameters: null,
  sources: [],
  view: NATIVE_VIEW,
  details: null,
  disabledBy: null,
  status: 'ok',
  statusDetail: null,
  openable: false,
  probe: null,
  quarantine: null,
  pending: null,
  revision: 0,
} as const satisfies Parameters<typeof reportRow>[0];

/**
 * Integer cells as bigints (exact for any LRESULT), which escape_formulas knows for numbers; everything else stays text,
 * including "007" and "-0", which a number would print differently.
 */
function withIntegers(row: Record<string, string>): Record<string, string | bigint> {
  return Object.fromEntries(Object.entries(row).map(([field, value]) => [field, /^(0|-?[1-9]\d*)$/.test(value) ? BigInt(value) : value]));
}

export function formatReport(report: SupportReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv': {
      // A CSV has no page heading: each row names its machine, Windows and time, so that rows from several machines can be put together.
      const machine = { machine: report.machine.name, windows: report.machine.windows, 'report made': report.generatedAt };
      const rows = report.drivers.map((d) => ({ ...reportRow(d, report.restarts), ...machine }));
      const columns = Object.keys(rows[0] ?? { ...reportRow(emptyDriver, []), ...machine });
      // A spreadsheet runs a cell that starts with = + - @ (an alias "=HYPERLINK(…)"): escape_formulas puts a quote first, as OWASP
      // recommends; it leaves numbers alone, so an answer of -1 stays a number.
      return stringify(rows.map(withIntegers), { header: true, columns, record_delimiter: 'windows', escape_formulas: true });
    }
    case 'html':
      return `<!doctype html>\n${renderToStaticMarkup(<ReportPage report={report} />)}\n`;
  }
}

/**
 * How a report of each format begins, as formatReport writes it: the JSON's
 * first two fields, the CSV's first columns, the HTML page's title. What tells
 * a report this panel wrote from any other file, so that a new report may replace it unasked.
 */
const reportOpenings: readonly RegExp[] = [
  /^\{\s*"generatedAt":\s*"[^"]*",\s*"machine":\s*\{/,
  /^alias,kind,view,status,/,
  /^<!doctype html>\s*<html lang="en"><head><meta charSet="utf-8"\/><title>Multimedia drivers on /,
];

/** Whether a file that begins with `head` (its first few hundred characters) is a report of this panel. */
export function isReportOpening(head: string): boolean {
  return reportOpenings.some((opening) => opening.test(head));
}

