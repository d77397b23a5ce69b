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

/** class-validator on every input type; failures become BAD_USER_INPUT naming each field. */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, meta: ArgumentMetadata): Promise<unknown> {
    if (value === undefined || value === null) return value; // an omitted optional argument
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
