package org.corads.pipeline.storage;

/** ETags as servers send them ({@code "abc"}, {@code abc}, {@code W/"abc"}) reduced to one form: {@code abc}. */
public final class Etags {

    private Etags() {}

    public static String plain(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }
}
