/** Strings of the facilitator's pages and the shared screen. Owned by the operator UI. */
export const nlOperator = {} as const;
