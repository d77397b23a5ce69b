import {
  Injectable,
  type PipeTransform,
  type ArgumentMetadata,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { BadUserInputError, type FieldProblem } from '@app/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id argument that is not a UUID is bad input, not a missing row. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw BadUserInputError.field(meta.data ?? 'id', 'must be an id (UUID) returned by this API');
    }
    return value.toLowerCase();
  }
}

/** UuidPipe for an optional id argument: an omitted (or null) id stays omitted. */
@Injectable()
export class OptionalUuidPipe implements PipeTransform<string | null | undefined, string | undefined> {
  private readonly uuid = new UuidPipe();
  transform(value: string | null | undefined, meta: ArgumentMetadata): string | undefined {
    return value == null ? undefined : this.uuid.transform(value, meta);
  }
}

function flatten(errors: ValidationError[], path = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = path ? `${path}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * The first text in an argument that is not well-formed Unicode (a lone UTF-16 surrogate, which JSON and GraphQL
 * escapes can carry: validators and PostgreSQL then fail on it) or that holds a NUL (PostgreSQL text refuses it).
 */
export function malformedText(value: unknown, path: string, depth = 0): FieldProblem | undefined {
  if (typeof value === 'string') {
    if (!value.isWellFormed()) {
      return { field: path, message: 'must be well-formed Unicode text: it contains a lone UTF-16 surrogate' };
    }
    if (value.includes('\u0000')) return { field: path, message: 'must not contain NUL characters' };
    return undefined;
  }
  if (typeof value !== 'object' || value === null || value instanceof Date || depth > 32) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = malformedText(value[i], `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    const p = malformedText(v, path ? `${path}.${key}` : key, depth + 1);
    if (p) return p;
  }
  return undefined;
}

/**
 * class-validator on every input type; failures become BAD_USER_INPUT naming each field. Before it, once for every
 * argument of every operation: text must be well-formed Unicode without NUL, and an argument given as an explicit
 * null reaches the resolver as omitted (`filter: null` means no filter, as `filter` left out does).
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, meta: ArgumentMetadata): Promise<unknown> {
    // Nest hands GraphQL arguments to pipes as 'body' (context, root and info as 'custom').
    const argument = meta.type === 'body';
    if (value === undefined || value === null) return argument ? undefined : value; // an omitted optional argument
    if (argument) {
      const problem = malformedText(value, meta.data ?? '');
      if (problem) throw new BadUserInputError(`${problem.field}: ${problem.message}`, [problem]);
    }
    try {
      return await super.transform(value, meta);
    } catch (e) {
      if (e instanceof BadUserInputError && meta.data) {
        const fields = (e.fields ?? []).map((f) => ({ field: `${meta.data}.${f.field}`, message: f.message }));
        throw new BadUserInputError(fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
      }
      throw e;
    }
  }
}

export function inputValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    transform: false,
    forbidUnknownValues: false,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadUserInputError(fields.map((f) => `${f.field}: ${f.message}`).join('; ') || 'Invalid input', fields);
    },
  });
}
