package io.bulwark.engine.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the scan script's records ({@code TAG<TAB>VALUE}, one per line; see {@code scan.sh}).
 * Strict: a record out of place or an output cut short fails the whole scan rather than giving
 * a half-true inventory. Lines are split at line feeds only, so a carriage return or a tab in a
 * file name stays part of it.
 */
public final class ScanOutputParser {
    private static final String VERSION = "1";

    private final List<ScanOutput.Datastore> datastores = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private Boolean qemuImg;
    private DatastoreBuilder datastore;
    private FolderBuilder folder;
    private XmlBuilder xml;
    private ImageBuilder image;
    private boolean ended;
    private int lineNumber;

    private ScanOutputParser() {
    }

    public static ScanOutput parse(String output) {
        ScanOutputParser parser = new ScanOutputParser();
        String[] lines = output.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            parser.lineNumber = i + 1;
            parser.record(lines[i]);
        }
        if (!parser.ended) {
            throw new ScanOutputException("The scan's output ended early, after line " + lines.length
                    + " (the connection dropped, or the host killed the scan). Rescan the host.");
        }
        return new ScanOutput(parser.qemuImg, List.copyOf(parser.datastores), List.copyOf(parser.skipped));
    }

    private void record(String line) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            throw wrong("a line without a tag");
        }
        String tag = line.substring(0, tab);
        String value = line.substring(tab + 1);
        if (ended) {
            throw wrong("output after the end");
        }
        if (lineNumber == 1) {
            if (!tag.equals("BULWARK-INVENTORY") || !value.equals(VERSION)) {
                throw wrong("not a Bulwark inventory scan of version " + VERSION);
            }
            return;
        }
        if (qemuImg == null) {
            expect(tag.equals("QEMU-IMG"), tag);
            qemuImg = value.equals("1");
            return;
        }
        switch (tag) {
            case "XML-LINE" -> inXml().text.append(value).append('\n');
            case "XML-END" -> {
                XmlBuilder done = inXml();
                folder.xmlFiles.add(new ScanOutput.Xml(done.path, done.text.toString()));
                xml = null;
            }
            case "INFO" -> inImage().info.append(value).append('\n');
            case "ERROR" -> inImage().error.append(value).append('\n');
            case "WRITER" -> inImage().openForWriting = true;
            case "LOCKED" -> inImage().locked = true;
            case "FILE-BYTES" -> inImage().fileBytes = number(value, 1);
            case "ALLOCATED-KIB" -> inImage().allocatedBytes = number(value, 1024);
            case "IMAGE-END" -> {
                folder.images.add(inImage().build());
                image = null;
            }
            case "IMAGE" -> {
                notInFile(tag);
                expect(folder != null, tag);
                image = new ImageBuilder(value);
            }
            case "XML" -> {
                notInFile(tag);
                expect(folder != null, tag);
                xml = new XmlBuilder(value);
            }
            case "VM" -> {
                notInFile(tag);
                expect(datastore != null && datastore.unreachable == null, tag);
                closeFolder();
                folder = new FolderBuilder(value);
            }
            case "FREE-KIB" -> {
                expect(datastore != null && folder == null && datastore.unreachable == null, tag);
                datastore.freeBytes = value.isBlank() ? null : number(value, 1024);
            }
            case "UNREACHABLE" -> {
                expect(datastore != null && folder == null && datastore.freeBytes == null, tag);
                datastore.unreachable = value;
            }
            case "DATASTORE" -> {
                notInFile(tag);
                closeDatastore();
                datastore = new DatastoreBuilder(value);
            }
            case "SKIPPED" -> {
                notInFile(tag);
                skipped.add(value);
            }
            case "END" -> {
                notInFile(tag);
                closeDatastore();
                ended = true;
            }
            default -> throw wrong("an unknown record '" + tag + "'");
        }
    }

    private void closeFolder() {
        if (folder != null) {
            datastore.folders.add(new ScanOutput.Folder(folder.path, List.copyOf(folder.xmlFiles),
                    List.copyOf(folder.images)));
            folder = null;
        }
    }

    private void closeDatastore() {
        closeFolder();
        if (datastore != null) {
            datastores.add(new ScanOutput.Datastore(datastore.path, datastore.unreachable, datastore.freeBytes,
                    List.copyOf(datastore.folders)));
            datastore = null;
        }
    }

    private XmlBuilder inXml() {
        expect(xml != null, "XML content");
        return xml;
    }

    private ImageBuilder inImage() {
        expect(image != null, "image facts");
        return image;
    }

    private void notInFile(String tag) {
        expect(xml == null && image == null, tag);
    }

    private void expect(boolean inPlace, String what) {
        if (!inPlace) {
            throw wrong("'" + what + "' out of place");
        }
    }

    private long number(String value, long unit) {
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw wrong("a negative size");
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw wrong("'" + value + "' where a size belongs");
        }
    }

    private ScanOutputException wrong(String what) {
        return new ScanOutputException("The scan's output is not understood (line " + lineNumber + ": " + what
                + "). The host's shell tools may behave differently from what Bulwark expects; the engine log of "
                + "this scan helps support.");
    }

    private static final class DatastoreBuilder {
        final String path;
        final List<ScanOutput.Folder> folders = new ArrayList<>();
        String unreachable;
        Long freeBytes;

        DatastoreBuilder(String path) {
            this.path = path;
        }
    }

    private static final class FolderBuilder {
        final String path;
        final List<ScanOutput.Xml> xmlFiles = new ArrayList<>();
        final List<ScanOutput.Image> images = new ArrayList<>();

        FolderBuilder(String path) {
            this.path = path;
        }
    }

    private static final class XmlBuilder {
        final String path;
        final StringBuilder text = new StringBuilder();

        XmlBuilder(String path) {
            this.path = path;
        }
    }

    private static final class ImageBuilder {
        final String path;
        final StringBuilder info = new StringBuilder();
        final StringBuilder error = new StringBuilder();
        boolean locked;
        boolean openForWriting;
        Long fileBytes;
        Long allocatedBytes;

        ImageBuilder(String path) {
            this.path = path;
        }

        ScanOutput.Image build() {
            return new ScanOutput.Image(path, locked, openForWriting, info.isEmpty() ? null : info.toString(),
                    error.isEmpty() ? null : error.toString().strip(), fileBytes, allocatedBytes);
        }
    }
}
