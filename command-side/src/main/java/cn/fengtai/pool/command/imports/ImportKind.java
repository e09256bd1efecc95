package cn.fengtai.pool.command.imports;

import cn.fengtai.pool.command.access.Actor;

import java.util.Map;

/** One kind of import: the columns it reads (Chinese headings and English field names) and what a row does. */
interface ImportKind {

    /** Heading (Chinese, as the district's sheets have it, or the English field name) to field. */
    Map<String, String> columns();

    /** The plan of a row, or null when it has problems ({@link SheetRow#problems}). */
    SheetRow.Plan plan(SheetRow row, Actor importer, String batch);

    /**
     * Which refusal of a command concerns which field, so a refused row names its column; a refusal not listed
     * concerns the row as a whole.
     */
    Map<String, String> refusalFields();
}
