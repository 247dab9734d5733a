package kspec.coordinator;

import java.security.Provider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Security;
import java.util.SplittableRandom;

/**
 * Kafka names a classic member {@code clientId + "-" + UUID.randomUUID()} and offers no way to
 * inject the randomness. UUID.randomUUID draws 16 bytes from a SecureRandom it creates once, from
 * the first security provider that offers one: this class installs a provider at the head of the
 * list whose SecureRandom is seeded by {@link #reseed}. The first 6 bytes of every 16-byte draw
 * are a counter, so member ids issued later sort after earlier ones of the same client (as the group
 * model's serials do), and the run is the same for the same seed.
 */
final class SeededUuids {
  private static SplittableRandom random = new SplittableRandom(0);
  private static long counter = 0;

  private SeededUuids() {}

  /** Must run before anything calls UUID.randomUUID (the JDK keeps the first SecureRandom). */
  static void install() {
    Security.insertProviderAt(new SeededProvider(), 1);
    SecureRandom probe = new SecureRandom();
    if (!probe.getAlgorithm().equals("KspecSeeded")) {
      throw new IllegalStateException("the seeded SecureRandom was not picked: " + probe.getAlgorithm());
    }
  }

  static synchronized void reseed(long seed) {
    random = new SplittableRandom(seed);
    counter = 0;
  }

  static synchronized void fill(byte[] bytes) {
    long count = ++counter;
    for (int i = 0; i < bytes.length; i++) {
      if (i < 6 && bytes.length == 16) {
        bytes[i] = (byte) (count >>> (8 * (5 - i)));
      } else {
        bytes[i] = (byte) random.nextInt(256);
      }
    }
  }

  /** The SPI the provider hands out: every instance draws from the shared, reseedable source. */
  public static final class Spi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;

    @Override
    protected void engineSetSeed(byte[] seed) {}

    @Override
    protected void engineNextBytes(byte[] bytes) {
      fill(bytes);
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      byte[] bytes = new byte[numBytes];
      fill(bytes);
      return bytes;
    }
  }

  private static final class SeededProvider extends Provider {
    private static final long serialVersionUID = 1L;

    SeededProvider() {
      super("KspecSeeded", "1", "seeded SecureRandom for deterministic member ids");
      put("SecureRandom.KspecSeeded", Spi.class.getName());
      put("SecureRandom.KspecSeeded ThreadSafe", "true");
    }
  }
}
