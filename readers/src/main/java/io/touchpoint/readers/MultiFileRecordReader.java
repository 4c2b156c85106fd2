package io.touchpoint.readers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.touchpoint.readers.inbox.InboxFile;

/**
 * Reads several files one after another, with one reader per file made by a factory.
 *
 * <p>Restart: {@link #update(ExecutionContext)} saves the index of the current file under
 * {@code name + ".fileIndex"} (and its path under {@code name + ".filePath"}, checked on
 * restart), plus the current file reader's own keys. Each file reader that implements
 * {@link NamedStream} is named {@code name + ".file"}, so its keys are
 * {@code name + ".file.*"}; only the current file's keys are kept, and they are dropped when
 * reading moves to the next file. {@link #open(ExecutionContext)} resumes at the saved file and
 * hands that file's reader its saved keys, so it resumes at its saved record.
 *
 * <p>A {@link MalformedRecordException} from a file reader propagates (the step skips it); the
 * next {@code read()} continues with the record after it.
 */
public class MultiFileRecordReader implements ItemStreamReader<SourceRecord>, NamedStream {

	private static final Logger log = LoggerFactory.getLogger(MultiFileRecordReader.class);

	private final List<InboxFile> files;
	private final Function<InboxFile, ItemStreamReader<? extends SourceRecord>> readerFactory;
	private String name = "files";
	private int index;
	private @Nullable ItemStreamReader<? extends SourceRecord> current;
	private boolean opened;

	/**
	 * @param files         the files, in reading order
	 * @param readerFactory makes the reader of one file; it is opened, read to the end and closed
	 *                      by this reader
	 */
	public MultiFileRecordReader(List<InboxFile> files,
			Function<InboxFile, ItemStreamReader<? extends SourceRecord>> readerFactory) {
		this.files = List.copyOf(files);
		this.readerFactory = Objects.requireNonNull(readerFactory, "readerFactory");
	}

	@Override
	public void setName(String name) {
		this.name = Objects.requireNonNull(name, "name");
	}

	@Override
	public String getName() {
		return name;
	}

	/** The files, in reading order. */
	public List<InboxFile> files() {
		return files;
	}

	/** The file being read, or null before the first and after the last. */
	public @Nullable InboxFile currentFile() {
		return current == null ? null : files.get(index);
	}

	@Override
	public void open(ExecutionContext executionContext) throws ItemStreamException {
		closeCurrent();
		index = executionContext.getInt(indexKey(), 0);
		if (index < 0 || index > files.size()) {
			throw new ItemStreamException("the restart position says file #" + (index + 1) + " but there are only "
					+ files.size() + " files to read; the file list changed since the failed run: restore it, or"
					+ " start a new execution");
		}
		if (index < files.size()) {
			String savedPath = executionContext.getString(pathKey(), null);
			String path = files.get(index).path();
			if (savedPath != null && !savedPath.equals(path)) {
				throw new ItemStreamException("the restart position says file #" + (index + 1) + " is " + savedPath
						+ " but it is now " + path + "; the file list changed since the failed run: restore it,"
						+ " or start a new execution");
			}
			openCurrent(delegateContext(executionContext));
		}
		opened = true;
	}

	@Override
	public @Nullable SourceRecord read() throws Exception {
		if (!opened) {
			open(new ExecutionContext());
		}
		while (index < files.size()) {
			if (current == null) {
				openCurrent(new ExecutionContext());
			}
			SourceRecord record = current.read();
			if (record != null) {
				return record;
			}
			closeCurrent();
			index++;
		}
		return null;
	}

	@Override
	public void update(ExecutionContext executionContext) throws ItemStreamException {
		if (!opened) {
			return;
		}
		executionContext.putInt(indexKey(), index);
		if (index < files.size()) {
			executionContext.putString(pathKey(), files.get(index).path());
		}
		else {
			executionContext.remove(pathKey());
		}
		String prefix = delegatePrefix();
		List<String> stale = new ArrayList<>();
		for (Map.Entry<String, Object> entry : executionContext.entrySet()) {
			if (entry.getKey().startsWith(prefix)) {
				stale.add(entry.getKey());
			}
		}
		stale.forEach(executionContext::remove);
		if (current != null) {
			ExecutionContext delegate = new ExecutionContext();
			current.update(delegate);
			for (Map.Entry<String, Object> entry : delegate.entrySet()) {
				executionContext.put(entry.getKey(), entry.getValue());
			}
		}
	}

	@Override
	public void close() throws ItemStreamException {
		closeCurrent();
		opened = false;
	}

	private void openCurrent(ExecutionContext context) {
		InboxFile file = files.get(index);
		ItemStreamReader<? extends SourceRecord> reader = readerFactory.apply(file);
		if (reader == null) {
			throw new ItemStreamException("no reader was made for " + file.path());
		}
		if (reader instanceof NamedStream named) {
			named.setName(name + ".file");
		}
		log.info("Reading {} (file {} of {})", file.path(), index + 1, files.size());
		reader.open(context);
		current = reader;
	}

	private void closeCurrent() {
		if (current != null) {
			ItemStreamReader<? extends SourceRecord> reader = current;
			current = null;
			reader.close();
		}
	}

	private ExecutionContext delegateContext(ExecutionContext executionContext) {
		ExecutionContext delegate = new ExecutionContext();
		String prefix = delegatePrefix();
		for (Map.Entry<String, Object> entry : executionContext.entrySet()) {
			if (entry.getKey().startsWith(prefix)) {
				delegate.put(entry.getKey(), entry.getValue());
			}
		}
		return delegate;
	}

	private String indexKey() {
		return name + ".fileIndex";
	}

	private String pathKey() {
		return name + ".filePath";
	}

	private String delegatePrefix() {
		return name + ".file.";
	}
}
