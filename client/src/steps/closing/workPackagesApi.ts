/** What the closing's form needs from the server (its socket), so the form is testable on its own. */
import { NO_ANSWER, request, type AppSocket } from '../../lib/socket.ts';
import type { Ack } from '../../../../shared/protocol/ack.ts';
import type { WorkPackagesStatus } from '../../../../shared/protocol/workPackages.ts';

export type WorkPackagesAnswer = Ack<WorkPackagesStatus> | typeof NO_ANSWER;

export interface WorkPackagesApi {
  get(): Promise<WorkPackagesAnswer>;
  request(email: string): Promise<WorkPackagesAnswer>;
  withdraw(): Promise<WorkPackagesAnswer>;
}

export function socketWorkPackages(socket: () => AppSocket | null): WorkPackagesApi {
  const ask = async <E extends 'workPackages:get' | 'workPackages:request' | 'workPackages:withdraw'>(
    event: E,
    payload: E extends 'workPackages:request' ? { email: string; consent: true } : Record<string, never>,
  ): Promise<WorkPackagesAnswer> => {
    const s = socket();
    return s ? ((await request(s, event, payload as never)) as WorkPackagesAnswer) : NO_ANSWER;
  };
  return {
    get: () => ask('workPackages:get', {}),
    request: (email) => ask('workPackages:request', { email, consent: true }),
    withdraw: () => ask('workPackages:withdraw', {}),
  };
}
