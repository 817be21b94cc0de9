// Placeholder: being written in this session.
export const handler = async (_event: unknown): Promise<unknown> => {
  throw new Error('not implemented');
};
