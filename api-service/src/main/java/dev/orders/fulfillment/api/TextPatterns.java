package dev.orders.fulfillment.api;

/** What free text a request may carry: no control characters, which have no business in a name or a note. */
final class TextPatterns {

    /** One line: a name. */
    static final String LINE = "\\P{Cntrl}*";

    /** Several lines: a note or a reason. */
    static final String TEXT = "[\\P{Cntrl}\\r\\n\\t]*";

    static final String NO_CONTROL_CHARACTERS = "must not contain control characters";

    private TextPatterns() {
    }
}
