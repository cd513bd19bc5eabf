import { afterEach } from 'vitest';
import { fixtureCleanup } from '@open-wc/testing';

afterEach(() => fixtureCleanup());
