import { describe, expect, it } from 'vitest';
import { parse, type OperationDefinitionNode } from 'graphql';
import { signMutations } from '@gks/core';
import {
  deviceDocument,
  mutationByOperationName,
  signDocuments,
  statusDocument,
  statusInLanguageDocument,
} from './documents.js';

const operationOf = (query: string): OperationDefinitionNode => {
  const document = parse(query);
  expect(document.definitions).toHaveLength(1);
  return document.definitions[0] as OperationDefinitionNode;
};

describe('operation documents', () => {
  it.each(signMutations)(
    '%s is one mutation calling the field of that name with data and isTraining',
    (mutation) => {
      const document = signDocuments[mutation];
      const operation = operationOf(document.query);
      expect(operation.operation).toBe('mutation');
      expect(operation.name?.value).toBe(document.operationName);
      expect(operation.variableDefinitions?.map((v) => v.variable.name.value)).toEqual([
        'data',
        'isTraining',
      ]);
      const field = operation.selectionSet.selections[0];
      expect(field?.kind).toBe('Field');
      if (field?.kind !== 'Field') return;
      expect(field.name.value).toBe(mutation);
      expect(field.alias).toBeUndefined();
      expect(field.arguments?.map((a) => a.name.value)).toEqual(['data', 'isTraining']);
    },
  );

  it.each(signMutations)(
    '%s asks for the signature, the sale-only fields and the message details',
    (mutation) => {
      const { query } = signDocuments[mutation];
      for (const name of [
        'digitalSignature',
        'shortSignature',
        'verificationUrl',
        'vatCalc { label rate taxableAmount vatAmount totalAmount outOfScope }',
        'fdmRef { fdmId fdmDateTime eventLabel eventCounter totalCounter }',
        'extensions { category code data { name value } showPos }',
        'footer',
      ]) {
        expect(query).toContain(name);
      }
    },
  );

  it('declares the schema input type of each mutation, both work mutations sharing WorkInOutInput', () => {
    expect(signDocuments.signSale.query).toContain('$data: SaleInput!');
    expect(signDocuments.signWorkIn.query).toContain('$data: WorkInOutInput!');
    expect(signDocuments.signWorkOut.query).toContain('$data: WorkInOutInput!');
    expect(signDocuments.signReportUserZ.query).toContain('$data: ReportUserZInput!');
    expect(signDocuments.signCostCenterChange.query).toContain('$data: CostCenterChangeInput!');
  });

  it('gives every operation its own name, and maps the names back to the mutations', () => {
    const names = signMutations.map((m) => signDocuments[m].operationName);
    expect(new Set(names).size).toBe(15);
    for (const m of signMutations)
      expect(mutationByOperationName.get(signDocuments[m].operationName)).toBe(m);
    expect(mutationByOperationName.get('Status')).toBeUndefined();
  });

  it('has parseable queries for status (with and without language) and device', () => {
    expect(operationOf(statusDocument.query).variableDefinitions ?? []).toHaveLength(0);
    expect(operationOf(statusInLanguageDocument.query).variableDefinitions?.[0]?.variable.name.value).toBe(
      'language',
    );
    expect(operationOf(deviceDocument.query).operation).toBe('query');
  });
});
