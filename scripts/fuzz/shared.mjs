/** Layout of the buffer the fuzz worker writes each exec into, for the supervisor to read. */
export const CTRL = { SEQ: 0, RUNNING: 1, TARGET: 2, INPUT_LEN: 3, AUX_LEN: 4, HEADER_BYTES: 64, AUX_BYTES: 65536 };

export function sharedBufferSize(maxLen) {
  return CTRL.HEADER_BYTES + maxLen + CTRL.AUX_BYTES;
}
