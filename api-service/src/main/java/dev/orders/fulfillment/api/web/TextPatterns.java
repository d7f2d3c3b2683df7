package dev.orders.fulfillment.api.web;

/**
 * What text a request may carry: no control characters (U+0000-U+001F, U+007F), which have no business in a name
 * or a note. Plain character ranges, not Java's {@code \P{Cntrl}}, and anchored: the OpenAPI document's patterns
 * then mean the same in every regex dialect a client or a fuzzer uses.
 */
public final class TextPatterns {

    /** One line: a name. */
    public static final String LINE = "^[^\\x00-\\x1F\\x7F]*$";

    /** Several lines: a note or a reason (tabs and line breaks allowed). */
    public static final String TEXT = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$";

    /** A customer's id: what the seed's ids look like, and e-mail addresses. */
    public static final String CUSTOMER_ID = "^[A-Za-z0-9._:@-]{1,100}$";

    /** A SKU as the client names it. */
    public static final String PRODUCT_ID = "^[^\\x00-\\x1F\\x7F]{1,100}$";

    public static final String NO_CONTROL_CHARACTERS = "must not contain control characters";

    private TextPatterns() {}
}
