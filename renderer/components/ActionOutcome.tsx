/** The last action's result in words, where it happened: done, cancelled, needs a restart, or failed. */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { configurationVerdict } from '../../app/configurationAnswers';
import type { DriverFailure } from '../../app/drivers';
import type { ActionState } from '../actionCalls';

const verbs = { configure: 'Configuration', install: 'Installation', remove: 'Removal' } as const;

/** What a person can do next about each kind of failure. */
function nextStep(error: DriverFailure): string {
  switch (error.code) {
    case 'missing-file':
      return 'Reinstall the driver, or remove its registration.';
    case 'unknown-alias':
      return 'The driver is no longer registered. Refresh the list.';
    case 'open-failed':
      // The message says what the file or the registration shows, and what can help.
      return '';
    case 'not-configurable':
      return 'This driver has no settings to change.';
    case 'quarantined':
    case 'driver-crashed':
    case 'driver-not-responding':
      // The message already says that the driver is quarantined and how to try again.
      return '';
    case 'stopped-waiting':
      return 'Nothing was recorded against the driver; you can try again.';
    default:
      return 'Refresh the list and try again.';
  }
}

/** The title says what the driver did, where it did something; else that the request failed. */
const failureTitles: Partial<Record<DriverFailure['code'], string>> = {
  'driver-crashed': 'The driver crashed',
  'driver-not-responding': 'The driver does not answer',
};

export function ActionOutcome({ state }: { state: ActionState }): React.JSX.Element | null {
  if (state.error) {
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{failureTitles[state.error.code] ?? 'That did not work'}</MessageBarTitle>
          {state.error.message} {nextStep(state.error)}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (state.probe) {
    return (
      <MessageBar intent="success" role="status">
        <MessageBarBody>
          <MessageBarTitle>The driver answered</MessageBarTitle>
          It is out of quarantine: it {configurationVerdict(state.probe.alias, state.probe.raw)}.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (state.dialog) {
    const { dialog } = state;
    const what = dialog.dialog === 'settings' ? 'settings dialog' : 'About box';
    return (
      <MessageBar intent={dialog.supported ? 'success' : 'info'} role="status">
        <MessageBarBody>
          <MessageBarTitle>{dialog.supported ? `The codec's ${what} was closed` : `No ${what} of its own`}</MessageBarTitle>
          {dialog.messageName} answered {dialog.raw}
          {dialog.answer ? `: ${dialog.answer}` : ''}.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (state.removal) {
    return (
      <MessageBar intent="info" role="status">
        <MessageBarBody>
          <MessageBarTitle>Removal cancelled</MessageBarTitle>
          {state.removal.note}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const result = state.result;
  if (!result) return null;
  const what = verbs[result.action];
  const outcomes = {
    ok: { intent: 'success', title: `${what} done`, text: 'The driver reported success.' },
    cancel: { intent: 'info', title: `${what} cancelled`, text: 'The driver reported that it was cancelled or refused; nothing changed.' },
    restart: { intent: 'warning', title: `${what} done — restart needed`, text: 'The change takes effect after Windows restarts.' },
    unsupported: { intent: 'info', title: `${what} not supported`, text: 'The driver answered -1, not a DRVCNF_* value: it does not handle this message, and nothing was shown or changed.' },
  } as const;
  const outcome = outcomes[result.result];
  return (
    <MessageBar intent={outcome.intent} role="status">
      <MessageBarBody>
        <MessageBarTitle>{outcome.title}</MessageBarTitle>
        {outcome.text} (The driver answered {result.raw}.)
      </MessageBarBody>
    </MessageBar>
  );
}
