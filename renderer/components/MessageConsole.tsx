/**
 * The message console, for technicians (behind Advanced, off by default): a
 * message from the catalogue of the driver's kind, or a custom number, with
 * integer parameters, or the structure the message takes filled in by the
 * driver host and shown as the driver left it. A message that takes a
 * pointer the panel has no structure for is refused here, with the reason,
 * as the service refuses it.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { DriverEntry, SendResult } from '../../app/drivers';
import { messageCatalogue, messageStructures, pointerRefusal, type CatalogueMessage, type ParameterKind } from '../../app/messageCatalogue';
import { lresultHex, readInt64, readMessage, type Read } from '../../app/messageText';

const useStyles = makeStyles({
  console: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  fields: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, margin: 0, fontFamily: tokens.fontFamilyMonospace },
});

const CUSTOM = 'custom';

/** What a person types for one parameter: an integer, a fill for a structure, or nothing (the host's structure needs none). */
function ParameterField({ index, kind, value, onChange }: { index: 1 | 2; kind: ParameterKind; value: string; onChange: (v: string) => void }): React.JSX.Element {
  if (kind.kind === 'integer') {
    return (
      <Field label={`lParam${index}: ${kind.meaning}`}>
        <Input value={value} onChange={(_e, d) => onChange(d.value)} />
      </Field>
    );
  }
  return <Text>{`lParam${index}: ${kind.to}${kind.structure ? ', allocated and filled in by the panel' : ''}`}</Text>;
}

/** The fill a structure needs: a format tag's index, a frame's FourCC. */
function fillNeeded(message: CatalogueMessage | null): 'index' | 'fourcc' | null {
  const structures = message ? messageStructures(message).map((s) => s.structure) : [];
  if (structures.includes('ACMFORMATTAGDETAILS')) return 'index';
  return structures.includes('BITMAPINFOHEADER') ? 'fourcc' : null;
}

/** What fills the message's structure, read as the service will check it. */
function fillOf(needs: 'index' | 'fourcc' | null, text: string): Read<{ index: number } | { fourcc: string } | null> {
  if (needs === 'index') {
    const index = text.trim() === '' ? 0 : Number(text);
    return Number.isInteger(index) && index >= 0 && index <= 0xffff ? { ok: true, value: { index } } : { ok: false, why: `The format tag index is a number from 0 to 65535, not "${text}".` };
  }
  if (needs === 'fourcc') {
    return /^[\x20-\x7e]{1,4}$/.test(text) ? { ok: true, value: { fourcc: text } } : { ok: false, why: 'Give the FourCC the message asks about: one to four characters (XVID).' };
  }
  return { ok: true, value: null };
}

function Answer({ result }: { result: SendResult }): React.JSX.Element {
  const styles = useStyles();
  return (
    <div role="status" aria-label="Answer">
      <Text block>
        {result.messageName} answered {result.raw} ({lresultHex(result.raw)}){result.answer ? `: ${result.answer}` : ''}.
      </Text>
      <Text block>Opened: {result.opening}.</Text>
      {result.structure && (
        <>
          <Text block>{result.structure.name} as the driver left it:</Text>
          <dl className={styles.fields}>
            {Object.entries(result.structure.fields).map(([name, value]) => (
              <div key={name} style={{ display: 'contents' }}>
                <dt>{name}</dt>
                <dd style={{ margin: 0 }}>{String(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}

export function MessageConsole({ driver }: { driver: DriverEntry }): React.JSX.Element {
  const styles = useStyles();
  const known = messageCatalogue.filter((m) => m.kind === null || m.kind === driver.kind);
  const [choice, setChoice] = useState(known[0]?.name ?? CUSTOM);
  const [custom, setCustom] = useState('DRV_USER');
  const [params, setParams] = useState<[string, string]>(['0', '0']);
  const [fill, setFill] = useState('');
  const [result, setResult] = useState<SendResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const message = known.find((m) => m.name === choice) ?? null;
  const refusal = message && pointerRefusal(message);
  const needs = fillNeeded(message);

  const send = async (): Promise<void> => {
    const value = message ? { ok: true as const, value: message.value } : readMessage(custom, driver.kind);
    const [one, two] = [readInt64(params[0]), readInt64(params[1])];
    const filled = fillOf(needs, fill);
    if (!value.ok || !one.ok || !two.ok || !filled.ok) {
      setProblem([value, one, two, filled].flatMap((r) => (r.ok ? [] : [r.why])).join(' '));
      return;
    }
    setSending(true);
    setProblem(null);
    const reply = await window.driversPanel.sendMessage({
      alias: driver.alias,
      view: driver.view,
      message: value.value,
      lParam1: one.value.toString(),
      lParam2: two.value.toString(),
      ...(filled.value ? { fill: filled.value } : {}),
    });
    setSending(false);
    setResult(reply.ok ? reply.value : null);
    setProblem(reply.ok ? null : reply.error.message);
  };

  return (
    <section className={styles.console} aria-labelledby="console-title">
      <Subtitle2 as="h3" id="console-title">
        Message console
      </Subtitle2>
      <div className={styles.row}>
        <Field label="Message">
          <Select
            value={choice}
            onChange={(_e, d) => {
              setChoice(d.value);
              setParams(['0', '0']);
              setFill('');
              setResult(null);
              setProblem(null);
            }}
          >
            {known.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name} (0x{m.value.toString(16).toUpperCase()})
              </option>
            ))}
            <option value={CUSTOM}>Custom number…</option>
          </Select>
        </Field>
        {!message && (
          <Field label="Number (0x hex, DRV_USER+n)">
            <Input value={custom} onChange={(_e, d) => setCustom(d.value)} />
          </Field>
        )}
      </div>
      {refusal ? (
        <MessageBar intent="warning" layout="multiline" role="note">
          <MessageBarBody>{refusal}</MessageBarBody>
        </MessageBar>
      ) : (
        <div className={styles.row}>
          {([1, 2] as const).map((i) => (
            <ParameterField
              key={i}
              index={i}
              kind={message ? (i === 1 ? message.lParam1 : message.lParam2) : { kind: 'integer', meaning: 'an integer' }}
              value={params[i - 1] ?? '0'}
              onChange={(v) => setParams((p) => (i === 1 ? [v, p[1]] : [p[0], v]))}
            />
          ))}
          {needs && (
            <Field label={needs === 'index' ? 'Format tag index' : 'FourCC'}>
              <Input value={fill} onChange={(_e, d) => setFill(d.value)} maxLength={needs === 'index' ? 5 : 4} />
            </Field>
          )}
          <Button appearance="primary" disabled={sending} onClick={() => void send()}>
            Send
          </Button>
        </div>
      )}
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {result && !problem && <Answer result={result} />}
    </section>
  );
}
