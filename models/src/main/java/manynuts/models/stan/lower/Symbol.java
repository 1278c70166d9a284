package manynuts.models.stan.lower;

import manynuts.models.stan.ir.IrVar;

/**
 * A name in scope: its value (a variable, or for a function's argument the caller's expression), the block that
 * declared it, and the variable it writes to when assigned (null when it cannot be assigned).
 */
record Symbol(String name, Val value, Origin origin, IrVar variable) {

    /** Where a name was declared: decides where it may be assigned and what it depends on. */
    enum Origin {
        DATA, TRANSFORMED_DATA, PARAMETER, TRANSFORMED_PARAMETER, MODEL, GENERATED_QUANTITY, LOCAL, LOOP, ARGUMENT
    }

    StanType type() {
        return value.type;
    }
}
