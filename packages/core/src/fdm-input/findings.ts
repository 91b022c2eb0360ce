import type { InvalidRequest } from '../fdm-api/invalid-request.js';
import { limits } from './limits.js';
import type { FdmInputSubCode } from './sub-codes.js';

/**
 * Collects every finding of one validation run. A POS developer fixes a request faster when
 * all its faults come back at once, so validators report and carry on instead of stopping.
 */
export class Findings {
  readonly list: InvalidRequest[] = [];
  #dropped = 0;

  add(subCode: FdmInputSubCode, field: string, message: string): void {
    if (this.list.length >= limits.maxFindings) {
      this.#dropped += 1;
      return;
    }
    this.list.push({ code: 'INVALID_REQUEST', subCode, field, message });
  }

  get count(): number {
    return this.list.length + this.#dropped;
  }

  /** The findings, with one summary entry when the cap cut some off. */
  result(): InvalidRequest[] {
    if (this.#dropped === 0) return this.list;
    return [
      ...this.list,
      {
        code: 'INVALID_REQUEST',
        subCode: 'TOO_MANY_FINDINGS',
        field: '',
        message: `${this.#dropped} further findings were left out after the first ${limits.maxFindings}.`,
      },
    ];
  }
}

/** `field` of the i-th item of a list, e.g. `financials[2]`. */
export const at = (list: string, index: number): string => `${list}[${index}]`;

/** `field` of a member, without a leading dot when the parent is the root of `data`. */
export const member = (parent: string, name: string): string => (parent === '' ? name : `${parent}.${name}`);
