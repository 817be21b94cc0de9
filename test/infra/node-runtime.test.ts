import { describe, expect, it } from 'vitest';
import { LAMBDA_RUNTIME } from '../../infra/stack.js';

describe('the Node that runs the tests', () => {
  it('is the major version of the Lambda runtime the stack deploys', () => {
    const deployed = /^nodejs(\d+)\.x$/.exec(LAMBDA_RUNTIME.name)?.[1];
    expect(deployed).toBeDefined();
    expect(process.versions.node.split('.')[0]).toBe(deployed);
  });
});
