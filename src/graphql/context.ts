/** What the shell provides to every element below it (through @lit/context, so no element reaches up the tree for them). */
import { createContext } from '@lit/context';
import type { DataClient } from './client';
import type { CurrentUser } from '../lib/domain/roles';

export const userContext = createContext<CurrentUser | undefined>(Symbol('scc-user'));
export const apiContext = createContext<DataClient | undefined>(Symbol('scc-api'));
/** Bumped by the shell whenever a payment, patron or event changes, so views reload their data. */
export const revisionContext = createContext<number>(Symbol('scc-revision'));
