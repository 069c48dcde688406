/** An amount in fen shown in yuan with two decimals, or a dash. */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '—' : (fen / 100).toFixed(2);
