/** How the browser bench's page proves it is the panel: a per-run token in a meta tag, sent back with every bridge call. */
export const TOKEN_META = 'drivers-panel-bridge-token';
/** Calls carry it in this header; the event stream, which cannot set headers, in the `token` query parameter. */
export const TOKEN_HEADER = 'x-bridge-token';
