import { InvalidStateError } from '@app/core';

/** A transition table: each move, the states it may start from and the state it reaches. */
export type Moves<S extends string, M extends string> = Readonly<Record<M, { from: readonly S[]; to: S }>>;

/** The guard of a transition table: the target state, or INVALID_STATE naming the current state and the wanted one. */
export function transitionGuard<S extends string, M extends string>(noun: string, moves: Moves<S, M>) {
  return (from: S, move: M): S => {
    const edge = moves[move];
    if (!edge.from.includes(from)) {
      throw new InvalidStateError(
        `${noun} cannot move from ${from} to ${edge.to} (${move.toLowerCase().replace(/_/g, ' ')} needs ` +
          `${edge.from.join(' or ')})`,
      );
    }
    return edge.to;
  };
}
