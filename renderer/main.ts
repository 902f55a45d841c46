/**
 * The page's entry: asks for the driver list at once, then loads the panel
 * (React and Fluent UI, most of the page's script) while the service reads it.
 */
import { startFirstListing } from './firstListing';
import { errorText } from '../app/errorText';

startFirstListing();
import('./panelRoot').catch((error: unknown) => {
  document.body.textContent = `The panel could not start: ${errorText(error)}`;
});
