import { GraphQLError, Kind, type ASTVisitor, type ValidationContext, type SelectionSetNode } from 'graphql';

/** Bounds on what one request may cost the FDM, so that no POS can starve the others. */
export interface RequestLimits {
  /** Bytes of HTTP body. */
  readonly maxBodyBytes: number;
  /** Lexical tokens of the query document (graphql's parse option). */
  readonly maxTokens: number;
  /** Nesting of selection sets, fragments followed. */
  readonly maxDepth: number;
}

export const defaultLimits: RequestLimits = {
  maxBodyBytes: 1024 * 1024,
  maxTokens: 10_000,
  // The standard introspection query nests 13 deep; no FDM result nests more than 5.
  maxDepth: 15,
};

/** A validation rule refusing documents nested deeper than `maxDepth`. */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map(
      context
        .getDocument()
        .definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d] as const),
    );
    const depthOf = (set: SelectionSetNode, level: number, visiting: Set<string>): number => {
      if (level > maxDepth) return level;
      let deepest = level;
      for (const selection of set.selections) {
        let inner: number = level;
        if (selection.kind === Kind.FIELD && selection.selectionSet) {
          inner = depthOf(selection.selectionSet, level + 1, visiting);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          inner = depthOf(selection.selectionSet, level, visiting);
        } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // A fragment cycle is reported by graphql's own NoFragmentCycles rule.
          if (fragment && !visiting.has(name)) {
            visiting.add(name);
            inner = depthOf(fragment.selectionSet, level, visiting);
            visiting.delete(name);
          }
        }
        deepest = Math.max(deepest, inner);
        if (deepest > maxDepth) break;
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, 1, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`Query is nested deeper than the limit of ${maxDepth} levels.`, {
              nodes: [node],
            }),
          );
        }
      },
    };
  };
}
