import type { DepartmentFigures } from './report-model.js';

/** Net turnover per department (C-48 "per department/main group"), in order of first sale. */
export class DepartmentTotals {
  private readonly departments = new Map<string, { departmentName: string; totalCents: number }>();

  add(departmentId: string, departmentName: string, cents: number): void {
    const sums = this.departments.get(departmentId);
    if (sums === undefined) this.departments.set(departmentId, { departmentName, totalCents: cents });
    else sums.totalCents += cents;
  }

  figures(): DepartmentFigures[] {
    return [...this.departments.entries()].map(([departmentId, sums]) => ({ departmentId, ...sums }));
  }
}
