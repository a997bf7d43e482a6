import { ZodError, type z } from 'zod';
import { ValidationFailed, type FieldProblem } from '../../domain/shared/domain-error.js';

/** A zod failure as the contract's field problems: one list for HTTP problem bodies and in-process errors. */
export function zodProblems(error: ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        message: `Unknown field "${key}".`,
        code: 'unknown_field',
      }));
    }
    return [{ path: issue.path.join('.') || '(body)', message: issue.message, code: issue.code }];
  });
}

/** Parses with a contract schema; a violation is the domain's ValidationFailed, never a raw ZodError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message = 'The input is not valid.'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationFailed(message, zodProblems(result.error));
  return result.data;
}
