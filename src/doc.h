/*
 * doc.h - documents: from bytes to paragraphs.
 *
 * Pure C, no terminal.  For now the plain reading only: a paragraph is a
 * run of non-empty lines.
 */
#ifndef HAMISH_DOC_H
#define HAMISH_DOC_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/*
 * Iterator over the plain paragraphs of UTF-8 bytes: a paragraph is a run
 * of lines that are not blank (blank: only spaces and tabs), joined with
 * one space, line ends (LF, CRLF, CR) removed.  A plain value: set s and
 * len, zero the rest.  s is borrowed and must outlive the iteration.
 */
struct doc_plain {
	const char	*s;
	size_t		 len;
	size_t		 pos;	/* next byte to read */
	size_t		 line;	/* lines consumed so far */
};

/*
 * Replaces the contents of para with the next paragraph and returns true,
 * with *first set to the 1-based line it starts on; false at the end.
 */
bool	doc_plain_next(struct doc_plain *, struct buf *, size_t *);

/*
 * Where to cut len bytes at s, at or after from, so that the plain
 * paragraphs of [0, p) and then of [p, len) are those of the whole: the
 * start of the first blank line that begins after from, else len.  (A
 * blank line is never part of a paragraph, and the lines numbered by
 * doc_plain_next() then count from p.)
 */
size_t	doc_plain_split(const char *, size_t, size_t);

/* --- the document model (doc-model.c, doc-import.c, doc-print.c) --- */

/*
 * A document is a list of blocks in reading order plus metadata, built by
 * doc_import() from the bytes of a file and read-only afterwards.  Every
 * string the accessors return is borrowed: it belongs to the document and
 * is valid until doc_free().  Block text is stored as UTF-8 in NFC, with
 * no line ends, runs of white space collapsed to one space and the
 * markup of the source removed (`**bold**`, `*italic*`, `^(3)`, mirrored
 * `)3(`, justification tatweel); offsets into it (spans) count code
 * points, the same offsets the rest of hamish uses for a paragraph's NFC
 * text.  Footnote markers stay visible in the text (`⁽¹⁸⁾`, `(١)`, `*`)
 * and are covered by a DOC_SPAN_FOOTREF span.
 *
 * Footnote bodies are taken out of the flow: all footnote blocks come
 * after the last body block, in the order they appear in the source.
 */
struct doc;

enum doc_kind {
	DOC_HEADING,	/* level 1 (أولاً ...) or 2 (ألف ...); label, title */
	DOC_PARA,	/* numbered paragraph; label as printed, number */
	DOC_SUBPARA,	/* (أ) level 1, ’1‘ level 2; attached to a PARA */
	DOC_PREAMBLE,	/* unnumbered preambular paragraph of a resolution */
	DOC_FOOTNOTE,	/* footnote body; label "18" (digits made ASCII), "*" */
	DOC_TEXT	/* anything else: kept, never dropped */
};

enum doc_span_kind {
	DOC_SPAN_BOLD,		/* was **...** */
	DOC_SPAN_ITALIC,	/* was *...* */
	DOC_SPAN_FOOTREF	/* a footnote marker; label says which */
};

/* One inline span: code points [start, end) of a block's text. */
struct doc_span {
	size_t			 start;
	size_t			 end;
	enum doc_span_kind	 kind;
	const char		*label;	/* FOOTREF: ASCII label ("18", "*") */
};

/*
 * Metadata from the header block of the document; NULL when absent.
 * Strings are as printed except date_iso (YYYY-MM-DD).  symbol is taken
 * only from a line of the document that holds nothing but a symbol (the
 * header or a running page header), never from a footnote; failing that,
 * from a file name such as A_67_170.txt passed as opts->name, and then
 * symbol_from_name is true.  encoding is the charset the bytes were read
 * in ("UTF-8", "UTF-16LE", "windows-1256", ...).
 */
struct doc_meta {
	const char	*symbol;
	const char	*distribution;	/* "General", "Limited" */
	const char	*date;		/* "23 July 2012" */
	const char	*date_iso;	/* "2012-07-23" */
	const char	*language;	/* "Arabic" */
	const char	*original;	/* "English" */
	const char	*title;
	const char	*encoding;
	bool		 symbol_from_name;
};

/* Import options, a plain value; a NULL pointer means all defaults. */
struct doc_import_opts {
	const char	*encoding;	/* force a charset; NULL: detect */
	const char	*name;		/* file name, for a fallback symbol */
	/* A PDF (doc-pdf.c): read its first max_pages pages only (0: all).
	 * from_pdf: the bytes are the PDF front end's canonical text (set by
	 * doc-pdf.c; they are never taken for a PDF again). */
	size_t		 max_pages;
	bool		 from_pdf;
};

enum doc_diag_level {
	DOC_DIAG_NOTE,		/* e.g. the charset that was detected */
	DOC_DIAG_WARNING	/* e.g. invalid bytes replaced by U+FFFD */
};

/* A diagnostic of the importer: data for the caller, never printed. */
struct doc_diag {
	enum doc_diag_level	 level;
	size_t			 line;	/* 1-based source line, 0: none */
	const char		*msg;
};

/*
 * Builds the model of len bytes (borrowed, only during the call).  Bytes
 * that are a PDF (doc_pdf_is(), by content) go to the PDF front end
 * (doc-pdf.h), whose canonical text is then imported as text.  The
 * encoding is: opts->encoding if set; else UTF-16LE/BE or UTF-8 from a
 * byte order mark; else UTF-8 if the bytes are valid UTF-8; else ICU's
 * guess (windows-1256, ISO-8859-6, ...).  Returns the document (caller
 * frees with doc_free()), or NULL with *cause (caller frees) for empty
 * input ("empty document"), binary input ("not a text document": NUL
 * bytes without a UTF-16 byte order mark) or an unknown forced encoding.
 */
struct doc	*doc_import(const char *, size_t,
		    const struct doc_import_opts *, char **);
/* doc_import() of a file ("-" is standard input); opts->name defaults
 * to the file's name. */
struct doc	*doc_import_file(const char *,
		    const struct doc_import_opts *, char **);
void		 doc_free(struct doc *);
/*
 * Whether the document holds only the first pages of its PDF
 * (doc_import_opts.max_pages): doc_page_count() is then the whole
 * PDF's, and the last block may go on in the pages not read.
 */
bool		 doc_partial(const struct doc *);

/*
 * doc_import_file() on a thread of its own (doc-load.c), while the
 * caller does something else.  doc_load_start(): path and opts (its
 * strings too) are copied; never NULL.  doc_load_ready(): whether the
 * import is over, without waiting.  doc_load_take(): waits for it and
 * returns the document (the caller's, doc_free()) or NULL with *cause
 * (caller frees), once.  doc_load_free() (NULL is fine) waits for the
 * thread and frees what was not taken.
 */
struct doc_load;
struct doc_load	*doc_load_start(const char *, const struct doc_import_opts *);
bool		 doc_load_ready(const struct doc_load *);
struct doc	*doc_load_take(struct doc_load *, char **);
void		 doc_load_free(struct doc_load *);
/*
 * A file's text decoded exactly as doc_import_file() decodes it (a byte
 * order mark, opts->encoding, UTF-8 when valid, else the best of ICU's
 * guesses that it can read, else UTF-8 with U+FFFD), for a command that
 * takes the text without the model (render --plain).  On success t->s
 * holds t->len bytes of UTF-8 (no byte order mark, not NFC) and t->d a
 * document with no blocks: the diagnostics of the decoding and
 * DOC_META_ENCODING; all valid until doc_text_free(t).  Returns -1 with
 * *cause (caller frees; "FILE: empty document" for a file with no
 * bytes, as doc_import_file() says it) when the file cannot be read or
 * is not text.
 */
struct doc_text {
	const char	*s;
	size_t		 len;
	struct doc	*d;
	char		*raw_;	/* private */
	struct buf	*conv_;	/* private */
};
int		 doc_text_read(const char *, const struct doc_import_opts *,
		    struct doc_text *, char **);
void		 doc_text_free(struct doc_text *);

const struct doc_meta	*doc_meta(const struct doc *);
/* The symbol a file name spells ("A/67/170" for A_67_170.txt, as
 * doc_import() falls back to it; caller frees), or NULL. */
char		*doc_symbol_from_name(const char *);

/* Blocks, 0 <= i < doc_block_count(). */
size_t		 doc_block_count(const struct doc *);
enum doc_kind	 doc_block_kind(const struct doc *, size_t);
/* Heading: 1 or 2; subpara: 1 for (أ), 2 for ’1‘; others 0. */
int		 doc_block_level(const struct doc *, size_t);
/* The label as printed ("12", "١٢", "(ب)", "’1‘", "أولاً"), or NULL;
 * a footnote's label has ASCII digits ("3" for a printed "(٣)"). */
const char	*doc_block_label(const struct doc *, size_t);
/*
 * The canonical address, or NULL: "12", "12(b)", "12(b)(ii)"; where the
 * numbering restarts in each section "4.12", "4.12(b)".  Preambular
 * paragraphs: "pp1", "pp2" ... in order.  Footnotes: "fn18", "fn*".
 */
const char	*doc_block_address(const struct doc *, size_t);
/* Para: its number (value of the label); subpara: its ordinal; else 0. */
long		 doc_block_number(const struct doc *, size_t);
/* Ordinal of the enclosing top-level heading (أولاً = 1), 0 if none. */
int		 doc_block_section(const struct doc *, size_t);
/* The clean text (heading: its title); *len (may be NULL) in bytes. */
const char	*doc_block_text(const struct doc *, size_t, size_t *);
/* 1-based source line where the block starts. */
size_t		 doc_block_line(const struct doc *, size_t);
/*
 * 1-based page the block starts on, counted from the form feeds of the
 * text (pdftotext puts one between pages), or 0 when the document has
 * no pages.  doc_page_count(): the number of pages (form feeds that
 * start a page, plus one) of a text with a form feed in it, else 0.
 */
size_t		 doc_block_page(const struct doc *, size_t);
size_t		 doc_page_count(const struct doc *);
/* Subpara: index of its para (or level-1 subpara); else (size_t)-1. */
size_t		 doc_block_parent(const struct doc *, size_t);
const struct doc_span *doc_block_spans(const struct doc *, size_t,
		    size_t *);
/* Labels of the footnotes the block refers to, in order, ASCII. */
size_t		 doc_block_fn_count(const struct doc *, size_t);
const char	*doc_block_fn(const struct doc *, size_t, size_t);
/* Footnote block: the blocks referring to it. */
size_t		 doc_block_ref_count(const struct doc *, size_t);
size_t		 doc_block_ref(const struct doc *, size_t, size_t);

/* Footnote block with label ("18", "١٨", "*"), or -1. */
long		 doc_footnote_find(const struct doc *, const char *);
/*
 * The block at an address a user typed, or -1 (unknown, malformed or
 * ambiguous: never a guess).  Accepts the canonical form and: Arabic-Indic
 * digits, spaces, Arabic letters for sub-paragraphs ("١٢(ب)", "12 (ب)"),
 * a Roman section ("IV.12"), (1), (١) or ’1‘ for (i); "fn18" footnotes;
 * "pp3" the third preambular paragraph, "op12" the same as "12".
 */
long		 doc_addr_find(const struct doc *, const char *);

/*
 * Where the numbering restarts in each section, the addresses N.addr
 * that exist for an address typed without its section ("12" -> "4.12,
 * 6.12"), appended to b in document order; returns how many (0 also
 * when the numbering does not restart).
 */
size_t		 doc_addr_sections(const struct doc *, const char *,
		    struct buf *);
/* Page furniture and header lines taken out of the text. */
size_t		 doc_dropped_count(const struct doc *);
/* Text of dropped item k; *line its source line, *reason "furniture" or
 * "metadata" (both may be NULL). */
const char	*doc_dropped(const struct doc *, size_t, size_t *,
		    const char **);

size_t		 doc_diag_count(const struct doc *);
const struct doc_diag *doc_diag(const struct doc *, size_t);

/*
 * Printers, appending to b.  Outline: one line per heading and numbered
 * paragraph, indented two spaces per level, "address<TAB>label<TAB>first
 * words".  JSON: one object {meta, blocks, dropped, diagnostics} and a
 * newline (format in doc-print.c).
 */
void		 doc_outline_print(struct buf *, const struct doc *);
void		 doc_json_print(struct buf *, const struct doc *);

/* --- for the doc-*.c files only: building a document --- */

/*
 * An importer makes a document with doc_new(), adds finished blocks,
 * metadata, dropped lines and diagnostics (all copied), then calls
 * doc_finish(), which computes addresses and footnote links.  Nothing may
 * be added after doc_finish(); the accessors above need it.
 */
struct doc_block_init {
	enum doc_kind		 kind;
	int			 level;
	const char		*label;		/* as printed, or NULL */
	long			 number;	/* para: value; subpara: ordinal */
	int			 section;
	size_t			 line;
	size_t			 page;		/* 1-based, 0: no pages */
	size_t			 parent;	/* block index or (size_t)-1 */
	const char		*text;		/* clean UTF-8 NFC */
	size_t			 text_len;
	const struct doc_span	*spans;		/* labels are copied */
	size_t			 nspans;
};

enum doc_meta_field {
	DOC_META_SYMBOL, DOC_META_DISTRIBUTION, DOC_META_DATE,
	DOC_META_DATE_ISO, DOC_META_LANGUAGE, DOC_META_ORIGINAL,
	DOC_META_TITLE, DOC_META_ENCODING, DOC_META_NFIELDS
};

struct doc	*doc_new(void);
/* Makes room for about this many bytes of strings and blocks. */
void		 doc_reserve(struct doc *, size_t, size_t);
/* Appends a block and returns its index. */
size_t		 doc_block_add(struct doc *, const struct doc_block_init *);
/* Sets a field unless it is set already; returns true if it was set. */
bool		 doc_meta_set(struct doc *, enum doc_meta_field, const char *,
		    size_t);
bool		 doc_meta_isset(const struct doc *, enum doc_meta_field);
void		 doc_meta_symbol_from_name(struct doc *);
/* Sets doc_page_count(). */
void		 doc_pages_set(struct doc *, size_t);
/* Sets doc_partial(). */
void		 doc_partial_set(struct doc *, bool);
/* reason: a static string, "furniture" or "metadata". */
void		 doc_dropped_add(struct doc *, size_t, const char *,
		    const char *, size_t);
void		 doc_diag_add(struct doc *, enum doc_diag_level, size_t,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
void		 doc_finish(struct doc *);

/*
 * Ordinal (1..28) of an Arabic sub-paragraph letter in the abjad order of
 * UN documents (أ ب ج د هـ و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ;
 * "ه" and "هـ" are both 5), or 0.  The Latin letter of ordinal n <= 26 is
 * 'a' + n - 1.
 */
int		 doc_abjad_ordinal(const char *, size_t);
/* Value of a level-1 heading ordinal (أولاً = 1 ... ثاني عشر = 12), or 0;
 * tanween and a final alef variation are ignored. */
int		 doc_ordinal_value(const char *, size_t);
/* Value of a level-2 heading letter name (ألف = 1, باء = 2 ...), or 0. */
int		 doc_letter_value(const char *, size_t);

#endif
