/**
 * The panel's banners, compact as Windows' own info bars: the actions sit at
 * the right of the text, which wraps beside them, rather than on a line of
 * their own under it. Three banners at once then leave an 800×600 window room
 * for the list and a driver's actions, and none of their words is cut off.
 */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useBannerStyles = makeStyles({
  // For layout="singleline": Fluent keeps that layout on one line; the body below lets its text wrap instead.
  compact: { paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
  text: { whiteSpace: 'normal' },
});
