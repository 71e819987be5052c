package org.corads.steps.core;

import org.corads.steps.io.BadInputException;

/**
 * A step spec the step cannot take: an unknown step or version, parameters that do not fit, inputs it does not
 * declare. The user (or whoever wrote the spec) can fix it, so it counts as bad input (exit 2), but no scan is at
 * fault: nothing is quarantined.
 */
public class InvalidSpecException extends BadInputException {

    public InvalidSpecException(String message) {
        super(message);
    }
}
