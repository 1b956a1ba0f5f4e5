package io.bulwark.agent.repository.index;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.repository.pack.PackId;

/**
 * Where a stored block is: its pack and the offset of its record there.
 *
 * @param offset       the record header's position in the pack
 * @param storedLength the stored bytes after the record header (nonce, ciphertext, tag)
 * @param rawLength    the block's length before compression and encryption
 */
public record IndexEntry(Fingerprint fingerprint, PackId pack, long offset, int storedLength, int rawLength) {
}
