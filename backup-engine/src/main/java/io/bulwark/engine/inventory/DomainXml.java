package io.bulwark.engine.inventory;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A libvirt domain XML found in a VM folder: the VM's name and its file-backed disks. The file
 * lives on a managed host, where anyone who can write to a datastore can put one; so the parser
 * refuses DTDs outright (no entity of any kind is expanded, nothing outside the text is read).
 */
public record DomainXml(String name, List<Disk> disks) {

    /** A {@code <disk device='disk'>}: its target device ({@code vda}) and the image file behind it. */
    public record Disk(String target, String sourceFile) {
    }

    /**
     * Reads a domain XML.
     *
     * @return empty when the text is well-formed XML but not a libvirt domain (another tool's XML)
     * @throws IllegalArgumentException when it is not well-formed, or declares a DTD
     */
    public static Optional<DomainXml> read(String text) {
        Document document = parse(text);
        Element root = document.getDocumentElement();
        if (!"domain".equals(root.getTagName())) {
            return Optional.empty();
        }
        String name = childText(root, "name");
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        List<Disk> disks = new ArrayList<>();
        for (Element devices : children(root, "devices")) {
            for (Element disk : children(devices, "disk")) {
                if (!"disk".equals(disk.getAttribute("device")) && !disk.getAttribute("device").isEmpty()) {
                    continue; // cdrom, floppy, lun
                }
                String source = children(disk, "source").stream().map(s -> s.getAttribute("file"))
                        .filter(f -> !f.isEmpty()).findFirst().orElse(null);
                String target = children(disk, "target").stream().map(t -> t.getAttribute("dev"))
                        .filter(d -> !d.isEmpty()).findFirst().orElse(null);
                if (source != null && target != null) {
                    disks.add(new Disk(target, source));
                }
            }
        }
        return Optional.of(new DomainXml(name.strip(), List.copyOf(disks)));
    }

    private static Document parse(String text) {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // no messages on stderr; errors still throw
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not read");
            });
            return builder.parse(new InputSource(new StringReader(text)));
        } catch (SAXException e) {
            throw new IllegalArgumentException("not a readable domain XML (" + e.getMessage() + ")");
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be set up safely", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String childText(Element parent, String tag) {
        return children(parent, tag).stream().findFirst().map(Node::getTextContent).orElse(null);
    }
}
