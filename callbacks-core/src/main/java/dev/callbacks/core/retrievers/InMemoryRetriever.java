package dev.callbacks.core.retrievers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.schema.Document;

/**
 * A retriever over a fixed list of documents that ranks them by keyword overlap, for tests and
 * demos: query and documents are split into lower-case words (letters and digits, at least two
 * characters, leaving out common English words such as "and" or "the"), a document scores one
 * point per distinct query word it contains, and the
 * best-scoring documents with at least one point are returned, ties in list order. Immutable and
 * thread-safe.
 */
public final class InMemoryRetriever extends BaseRetriever {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    // Words that would match nearly every English document.
    private static final Set<String> STOP_WORDS = Set.of("an", "and", "are", "as", "at", "be", "by", "for", "from",
            "has", "have", "in", "is", "it", "of", "on", "or", "that", "the", "there", "this", "to", "was", "what",
            "where", "which", "who", "with");

    private final List<Document> documents;

    private final List<Set<String>> words;

    private final int k;

    private InMemoryRetriever(List<Document> documents, int k) {
        this.documents = List.copyOf(documents);
        this.k = k;
        List<Set<String>> index = new ArrayList<>(this.documents.size());
        for (Document document : this.documents) {
            index.add(words(document.pageContent()));
        }
        this.words = List.copyOf(index);
    }

    /**
     * Returns a retriever over these documents returning at most 4 per query.
     * @param documents the documents
     * @return the retriever
     */
    public static InMemoryRetriever of(List<Document> documents) {
        Objects.requireNonNull(documents, "documents must not be null");
        return new InMemoryRetriever(documents, 4);
    }

    /**
     * Returns a retriever over these documents returning at most 4 per query.
     * @param documents the documents
     * @return the retriever
     */
    public static InMemoryRetriever of(Document... documents) {
        return of(List.of(documents));
    }

    /**
     * Returns a copy returning at most {@code k} documents per query.
     * @param k at least 1
     * @return the copy
     */
    public InMemoryRetriever withK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        return new InMemoryRetriever(this.documents, k);
    }

    /** Returns the documents searched. */
    public List<Document> documents() {
        return this.documents;
    }

    @Override
    protected List<Document> getRelevantDocuments(String query, RunnableConfig config) {
        Set<String> terms = words(query);
        List<int[]> scored = new ArrayList<>();
        for (int i = 0; i < this.documents.size(); i++) {
            int score = 0;
            for (String term : terms) {
                if (this.words.get(i).contains(term)) {
                    score++;
                }
            }
            if (score > 0) {
                scored.add(new int[] { i, score });
            }
        }
        scored.sort(Comparator.<int[]>comparingInt((entry) -> -entry[1]).thenComparingInt((entry) -> entry[0]));
        List<Document> found = new ArrayList<>();
        for (int i = 0; i < scored.size() && i < this.k; i++) {
            found.add(this.documents.get(scored.get(i)[0]));
        }
        return found;
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (word.length() >= 2 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }
}
