import { Matches } from 'class-validator';

/**
 * Text that must hold at least one non-space character. One rule, one message ("must not be blank"), so every
 * input refuses "   " the same way; pair it with `@Length` for the bounds.
 */
export const NotBlank = (): PropertyDecorator => Matches(/\S/, { message: 'must not be blank' });
