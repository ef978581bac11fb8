// AskedatLucene is the Lucene 4.10 engine of askedat's benchmark (bench/README.md):
// it indexes the benchmark's question documents and answers the benchmark's
// searches over HTTP on loopback. bench/run.sh compiles it with javac against
// Debian's liblucene4.10-java jars; bench/internal/engine/lucene runs it.
//
//   java AskedatLucene index QUESTIONS.jsonl DIR   build the index in DIR (emptied first);
//                                                  prints one line of JSON: docs, seconds, size
//   java AskedatLucene serve DIR PORT [THREADS]    answer GET /api/search on 127.0.0.1:PORT
//
// QUESTIONS.jsonl holds one question a line, a flat JSON object of strings:
// id, title, body, company, role, category, difficulty, status, date
// (YYYY-MM-DD). Configured as a Lucene user would: EnglishAnalyzer (standard
// tokenizer, possessives, lower case, English stop words, Porter stemmer) on
// title and body, BM25Similarity, the title boosted 3× at query time;
// company, role, category and difficulty as SortedSetDocValuesFacetField
// (counted by SortedSetDocValuesFacetCounts, filtered through DrillDownQuery
// and DrillSideways, which counts a filtered field's facet without that
// field's own filter, as askedat does); status as a StringField filter; the
// date as a numeric doc value for sorting ties; one segment (forceMerge(1)).
//
// Stored: id, title and the whole body (Lucene's default codec compresses
// stored fields with LZ4), so a hit can show its title and a snippet from
// anywhere in its text, as askedat's stored text can. A search answers the
// top hits (id, title, the body's first 200 characters as a snippet, no
// highlighting), the exact total and the facets.
//
// GET /api/search?q=…&company=…&role=…&category=…&difficulty=…&status=…&size=10&facet_size=10
// takes askedat's request shape: q is words and "quoted phrases", all
// required; repeated values of one field are OR-ed, fields AND-ed. The
// answer: {"total":N,"hits":[{"id","title","snippet"}],"facets":{"company":[{"value","count"}],…}},
// each facet's facet_size most frequent values, then each value the field is
// filtered by that those left out, with its count (0 if none).
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Filter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryWrapperFilter;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public final class AskedatLucene {
    static final String[] FACETS = {"company", "role", "category", "difficulty"};
    static final float TITLE_BOOST = 3f;
    static final int SNIPPET = 200;
    static final Set<String> STORED = new HashSet<>(Arrays.asList("id", "title", "body"));

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("index")) {
            index(new File(args[1]), new File(args[2]));
        } else if ((args.length == 3 || args.length == 4) && args[0].equals("serve")) {
            int threads = args.length == 4 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
            serve(new File(args[1]), Integer.parseInt(args[2]), threads);
        } else {
            System.err.println("usage: AskedatLucene index QUESTIONS.jsonl DIR | serve DIR PORT [THREADS]");
            System.exit(2);
        }
    }

    static FacetsConfig facetsConfig() {
        return new FacetsConfig(); // every dimension single-valued, all in the default $facets field
    }

    // ---------------------------------------------------------------- index

    static void index(File docs, File dir) throws IOException {
        long start = System.nanoTime();
        deleteTree(dir);
        if (!dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        FacetsConfig config = facetsConfig();
        IndexWriterConfig iwc = new IndexWriterConfig(Version.LUCENE_4_10_4, new EnglishAnalyzer());
        iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        iwc.setSimilarity(new BM25Similarity());
        iwc.setRAMBufferSizeMB(256);
        int n = 0;
        long merge;
        try (Directory d = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(d, iwc);
             BufferedReader r = new BufferedReader(new InputStreamReader(new FileInputStream(docs), StandardCharsets.UTF_8), 1 << 20)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                Map<String, String> q;
                try {
                    q = Json.parseFlat(line);
                } catch (IllegalArgumentException e) {
                    throw new IOException(docs + ": line " + lineNo + ": " + e.getMessage());
                }
                w.addDocument(config.build(document(q)));
                n++;
            }
            merge = System.nanoTime();
            w.forceMerge(1);
            w.commit();
        }
        long end = System.nanoTime();
        long size = 0;
        File[] files = dir.listFiles();
        if (files != null) {
            for (File f : files) {
                size += f.length();
            }
        }
        System.out.printf("{\"docs\":%d,\"seconds\":%.3f,\"add_seconds\":%.3f,\"merge_seconds\":%.3f,\"size_bytes\":%d}%n",
                n, (end - start) / 1e9, (merge - start) / 1e9, (end - merge) / 1e9, size);
    }

    static Document document(Map<String, String> q) {
        Document doc = new Document();
        doc.add(new StringField("id", get(q, "id"), Field.Store.YES));
        doc.add(new TextField("title", get(q, "title"), Field.Store.YES));
        doc.add(new TextField("body", get(q, "body"), Field.Store.YES));
        for (String f : FACETS) {
            String v = get(q, f);
            if (!v.isEmpty()) {
                doc.add(new SortedSetDocValuesFacetField(f, v));
            }
        }
        String status = get(q, "status");
        if (!status.isEmpty()) {
            doc.add(new StringField("status", status, Field.Store.NO));
        }
        doc.add(new NumericDocValuesField("date", dateNumber(get(q, "date"))));
        return doc;
    }

    static String get(Map<String, String> m, String k) {
        String v = m.get(k);
        return v == null ? "" : v;
    }

    // dateNumber returns YYYY-MM-DD as the number YYYYMMDD, 0 if not a date.
    static long dateNumber(String s) {
        if (s.length() != 10) {
            return 0;
        }
        try {
            return Long.parseLong(s.substring(0, 4) + s.substring(5, 7) + s.substring(8, 10));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static void deleteTree(File f) throws IOException {
        File[] kids = f.listFiles();
        if (kids != null) {
            for (File k : kids) {
                deleteTree(k);
            }
        }
        if (f.exists() && !f.delete()) {
            throw new IOException("cannot remove " + f);
        }
    }

    // ---------------------------------------------------------------- serve

    static void serve(File dir, int port, int threads) throws IOException {
        // Without it the JDK's server leaves Nagle's algorithm on, and an
        // answer written as headers then body can wait for the client's
        // delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir));
        Searcher s = new Searcher(reader);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/readyz", ex -> reply(ex, 200, "text/plain", "ok\n"));
        server.createContext("/api/search", ex -> {
            String body;
            int status = 200;
            try {
                body = s.search(parseQuery(ex.getRequestURI().getRawQuery()));
            } catch (BadRequest e) {
                status = 400;
                body = "{\"error\":" + Json.quote(e.getMessage()) + "}";
            } catch (Exception e) {
                status = 500;
                body = "{\"error\":" + Json.quote(e.toString()) + "}";
            }
            reply(ex, status, "application/json", body);
        });
        server.setExecutor(Executors.newFixedThreadPool(Math.max(1, threads)));
        server.start();
        System.err.printf("AskedatLucene: serving %s (%d documents, %d segment(s)) on 127.0.0.1:%d with %d threads%n",
                dir, reader.numDocs(), reader.leaves().size(), port, threads);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String m) {
            super(m);
        }
    }

    // A Request is one parsed search.
    static final class Request {
        String q = "";
        int size = 10, facetSize = 10;
        Map<String, List<String>> filters = new LinkedHashMap<>();
    }

    static Request parseQuery(String raw) throws BadRequest {
        Request r = new Request();
        if (raw == null) {
            return r;
        }
        for (String kv : raw.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            String k = decode(eq < 0 ? kv : kv.substring(0, eq));
            String v = eq < 0 ? "" : decode(kv.substring(eq + 1));
            switch (k) {
                case "q":
                    r.q = v;
                    break;
                case "size":
                    r.size = number(k, v);
                    break;
                case "facet_size":
                    r.facetSize = number(k, v);
                    break;
                case "company":
                case "role":
                case "category":
                case "difficulty":
                case "status":
                    r.filters.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                    break;
                default:
                    throw new BadRequest("unknown parameter " + k);
            }
        }
        return r;
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static int number(String k, String v) throws BadRequest {
        try {
            int n = Integer.parseInt(v);
            if (n >= 0 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new BadRequest(k + "=" + v + ": want a number from 0 to 1000");
    }

    // A Searcher answers requests over one open index; it is safe for
    // concurrent use.
    static final class Searcher {
        final IndexSearcher searcher;
        final SortedSetDocValuesReaderState state;
        final FacetsConfig config = facetsConfig();
        final Analyzer analyzer = new EnglishAnalyzer();
        static final Sort BY_SCORE = new Sort(SortField.FIELD_SCORE, new SortField("date", SortField.Type.LONG, true));
        static final Sort BY_DATE = new Sort(new SortField("date", SortField.Type.LONG, true));

        Searcher(DirectoryReader reader) throws IOException {
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            state = new DefaultSortedSetDocValuesReaderState(reader);
        }

        String search(Request r) throws IOException, BadRequest {
            Query base = textQuery(r.q);
            DrillDownQuery ddq = new DrillDownQuery(config, base == null ? new MatchAllDocsQuery() : base);
            Filter filter = null;
            for (Map.Entry<String, List<String>> e : r.filters.entrySet()) {
                if (e.getKey().equals("status")) {
                    BooleanQuery any = new BooleanQuery();
                    for (String v : e.getValue()) {
                        any.add(new TermQuery(new Term("status", v)), BooleanClause.Occur.SHOULD);
                    }
                    filter = new QueryWrapperFilter(any);
                    continue;
                }
                for (String v : e.getValue()) {
                    ddq.add(e.getKey(), v); // values of one dimension are OR-ed
                }
            }
            DrillSideways ds = new DrillSideways(searcher, config, state);
            DrillSideways.DrillSidewaysResult res = ds.search(ddq, filter, null, Math.max(1, r.size), base == null ? BY_DATE : BY_SCORE, false, false);
            TopDocs top = res.hits;

            StringBuilder b = new StringBuilder(2048);
            b.append("{\"total\":").append(top.totalHits).append(",\"hits\":[");
            for (int i = 0; i < top.scoreDocs.length && i < r.size; i++) {
                ScoreDoc sd = top.scoreDocs[i];
                Document d = searcher.doc(sd.doc, STORED);
                String body = d.get("body");
                if (body != null && body.length() > SNIPPET) {
                    body = body.substring(0, SNIPPET);
                }
                if (i > 0) {
                    b.append(',');
                }
                b.append("{\"id\":").append(Json.quote(d.get("id")))
                        .append(",\"title\":").append(Json.quote(d.get("title")))
                        .append(",\"snippet\":").append(Json.quote(body)).append('}');
            }
            b.append("],\"facets\":{");
            for (int i = 0; i < FACETS.length; i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(Json.quote(FACETS[i])).append(":[");
                facet(b, res.facets, FACETS[i], r.facetSize, r.filters.get(FACETS[i]));
                b.append(']');
            }
            b.append("}}");
            return b.toString();
        }

        // facet appends the top values of dim, then each ticked value they
        // leave out with its count.
        static void facet(StringBuilder b, Facets facets, String dim, int n, List<String> ticked) throws IOException {
            Set<String> listed = new HashSet<>();
            boolean first = true;
            FacetResult fr = null;
            if (n > 0) {
                try {
                    fr = facets.getTopChildren(n, dim);
                } catch (IllegalArgumentException e) {
                    fr = null; // the dimension has no value in the whole index
                }
            }
            if (fr != null) {
                for (LabelAndValue lv : fr.labelValues) {
                    listed.add(lv.label);
                    first = value(b, first, lv.label, lv.value.longValue());
                }
            }
            if (ticked != null) {
                for (String v : ticked) {
                    if (listed.add(v)) {
                        long c = 0;
                        try {
                            Number x = facets.getSpecificValue(dim, v);
                            c = x == null ? 0 : Math.max(0, x.longValue());
                        } catch (IllegalArgumentException e) {
                            c = 0;
                        }
                        first = value(b, first, v, c);
                    }
                }
            }
        }

        static boolean value(StringBuilder b, boolean first, String v, long c) {
            if (!first) {
                b.append(',');
            }
            b.append("{\"value\":").append(Json.quote(v)).append(",\"count\":").append(c).append('}');
            return false;
        }

        // textQuery returns the query of q's words and "quoted phrases", each
        // required in the title (boosted) or the body; null for no words.
        Query textQuery(String q) throws IOException, BadRequest {
            BooleanQuery all = new BooleanQuery();
            int parts = 0;
            String s = q.trim();
            while (!s.isEmpty()) {
                String part;
                if (s.charAt(0) == '"') {
                    int end = s.indexOf('"', 1);
                    if (end < 0) {
                        throw new BadRequest("unbalanced quote in q");
                    }
                    part = s.substring(1, end);
                    s = s.substring(end + 1).trim();
                } else {
                    int end = 0;
                    while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '"') {
                        end++;
                    }
                    part = s.substring(0, end);
                    s = s.substring(end).trim();
                }
                Query pq = partQuery(part);
                if (pq != null) {
                    all.add(pq, BooleanClause.Occur.MUST);
                    parts++;
                }
            }
            return parts == 0 ? null : all;
        }

        // partQuery returns the query of one word or phrase: title^3 OR
        // body, the terms as the analyzer makes them (a stop word alone
        // gives null).
        Query partQuery(String text) throws IOException {
            List<String> terms = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            try (TokenStream ts = analyzer.tokenStream("body", new StringReader(text))) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
                ts.reset();
                int pos = -1;
                while (ts.incrementToken()) {
                    pos += inc.getPositionIncrement();
                    terms.add(term.toString());
                    positions.add(pos);
                }
                ts.end();
            }
            if (terms.isEmpty()) {
                return null;
            }
            BooleanQuery either = new BooleanQuery();
            for (String field : new String[] {"title", "body"}) {
                Query fq;
                if (terms.size() == 1) {
                    fq = new TermQuery(new Term(field, terms.get(0)));
                } else {
                    PhraseQuery p = new PhraseQuery();
                    for (int i = 0; i < terms.size(); i++) {
                        p.add(new Term(field, terms.get(i)), positions.get(i));
                    }
                    fq = p;
                }
                if (field.equals("title")) {
                    fq.setBoost(TITLE_BOOST);
                }
                either.add(fq, BooleanClause.Occur.SHOULD);
            }
            return either;
        }
    }

    // ---------------------------------------------------------------- JSON

    // Json reads flat objects (string, number, true/false/null values) and
    // quotes strings: all the index and the answers need, without a library.
    static final class Json {
        static Map<String, String> parseFlat(String s) {
            Map<String, String> out = new HashMap<>();
            int[] i = {skip(s, 0)};
            expect(s, i, '{');
            i[0] = skip(s, i[0]);
            if (peek(s, i[0]) == '}') {
                return out;
            }
            while (true) {
                i[0] = skip(s, i[0]);
                String k = string(s, i);
                i[0] = skip(s, i[0]);
                expect(s, i, ':');
                i[0] = skip(s, i[0]);
                String v;
                char c = peek(s, i[0]);
                if (c == '"') {
                    v = string(s, i);
                } else {
                    int start = i[0];
                    while (i[0] < s.length() && ",} \t\r\n".indexOf(s.charAt(i[0])) < 0) {
                        i[0]++;
                    }
                    v = s.substring(start, i[0]);
                    if (v.isEmpty() || c == '{' || c == '[') {
                        throw new IllegalArgumentException("value of " + k + ": want a string, number, true, false or null");
                    }
                    if (v.equals("null")) {
                        v = "";
                    }
                }
                out.put(k, v);
                i[0] = skip(s, i[0]);
                char d = peek(s, i[0]);
                i[0]++;
                if (d == '}') {
                    return out;
                }
                if (d != ',') {
                    throw new IllegalArgumentException("want , or } at offset " + (i[0] - 1));
                }
            }
        }

        static int skip(String s, int i) {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return i;
        }

        static char peek(String s, int i) {
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end of line");
            }
            return s.charAt(i);
        }

        static void expect(String s, int[] i, char c) {
            if (peek(s, i[0]) != c) {
                throw new IllegalArgumentException("want " + c + " at offset " + i[0]);
            }
            i[0]++;
        }

        static String string(String s, int[] i) {
            expect(s, i, '"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = peek(s, i[0]++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = peek(s, i[0]++);
                switch (e) {
                    case '"': b.append('"'); break;
                    case '\\': b.append('\\'); break;
                    case '/': b.append('/'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u':
                        if (i[0] + 4 > s.length()) {
                            throw new IllegalArgumentException("short \\u escape");
                        }
                        b.append((char) Integer.parseInt(s.substring(i[0], i[0] + 4), 16)); // surrogate pairs come as two escapes
                        i[0] += 4;
                        break;
                    default:
                        throw new IllegalArgumentException("bad escape \\" + e);
                }
            }
        }

        static String quote(String s) {
            if (s == null) {
                return "null";
            }
            StringBuilder b = new StringBuilder(s.length() + 2).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"': b.append("\\\""); break;
                    case '\\': b.append("\\\\"); break;
                    case '\n': b.append("\\n"); break;
                    case '\r': b.append("\\r"); break;
                    case '\t': b.append("\\t"); break;
                    default:
                        if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                }
            }
            return b.append('"').toString();
        }

        // validSurrogate reports whether the surrogate at i is half of a
        // pair (a lone one is escaped, which keeps the answer valid UTF-8).
        static boolean validSurrogate(String s, int i) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            }
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
    }
}
