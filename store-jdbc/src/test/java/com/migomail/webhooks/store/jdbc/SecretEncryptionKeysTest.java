package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key-encryption keys and their key ring: validated, copied, and never printed. */
class SecretEncryptionKeysTest {

    private static final byte[] BYTES = new byte[32];

    @Test
    void showsTheIdButNeverTheKey() {
        byte[] key = new byte[32];
        key[0] = 42;
        KeyEncryptionKey kek = KeyEncryptionKey.of("2025-06", key);

        assertThat(kek).hasToString("KeyEncryptionKey[id=2025-06, key=(redacted)]");
        assertThat(kek.id()).isEqualTo("2025-06");
        assertThat(SecretEncryptionKeys.of(kek, Fixtures.kek("2025-01", 1)))
                .hasToString("SecretEncryptionKeys[current=2025-06, others=[2025-01]]");
    }

    @Test
    void copiesTheKeyBytes() {
        byte[] key = new byte[32];
        KeyEncryptionKey kek = KeyEncryptionKey.of("k", key);
        key[0] = 1;

        assertThat(kek.secretKey().getEncoded()).isEqualTo(new byte[32]);
    }

    @Test
    void readsTheBase64OfOpensslRand() {
        String base64 = Base64.getEncoder().encodeToString(Fixtures.kek("x", 7).secretKey().getEncoded());

        assertThat(KeyEncryptionKey.fromBase64("k", " " + base64 + "\n").secretKey().getEncoded())
                .isEqualTo(Fixtures.kek("x", 7).secretKey().getEncoded());
    }

    @Test
    void rejectsAKeyThatIsNotAes256WithoutShowingIt() {
        assertThatThrownBy(() -> KeyEncryptionKey.of("k", new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key k must be 32 bytes (AES-256), not 16");
        assertThatThrownBy(() -> KeyEncryptionKey.fromBase64("k", "c2VjcmV0IQ==")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key k must be 32 bytes (AES-256), not 7");
        assertThatThrownBy(() -> KeyEncryptionKey.fromBase64("k", "not*base64")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key k is not valid Base64").hasNoCause();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a:b", "with space", "é", "123456789012345678901234567890123"})
    void rejectsAnIdThatCannotLabelAStoredKey(String id) {
        assertThatThrownBy(() -> KeyEncryptionKey.of(id, BYTES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key id must be 1 to 32 letters, digits, '.', '_' or '-': \"" + id + "\"");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> KeyEncryptionKey.of(null, BYTES)).isInstanceOf(NullPointerException.class)
                .hasMessage("id cannot be null");
        assertThatThrownBy(() -> KeyEncryptionKey.of("k", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("key cannot be null");
        assertThatThrownBy(() -> SecretEncryptionKeys.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("current cannot be null");
        assertThatThrownBy(() -> SecretEncryptionKeys.of(Fixtures.KEK, (KeyEncryptionKey) null))
                .isInstanceOf(NullPointerException.class).hasMessage("others cannot hold null");
    }

    @Test
    void listsTheIdsCurrentFirst() {
        SecretEncryptionKeys keys = SecretEncryptionKeys.of(Fixtures.kek("b", 1), Fixtures.kek("c", 2), Fixtures.kek("a", 3));

        assertThat(keys.currentKeyId()).isEqualTo("b");
        assertThat(keys.keyIds()).containsExactly("b", "c", "a");
    }

    @Test
    void rejectsTwoKeysWithOneId() {
        assertThatThrownBy(() -> SecretEncryptionKeys.of(Fixtures.kek("k", 1), Fixtures.kek("k", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two keys have the id k");
    }
}
