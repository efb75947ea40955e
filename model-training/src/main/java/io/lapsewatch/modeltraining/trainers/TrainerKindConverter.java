package io.lapsewatch.modeltraining.trainers;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a {@code --trainer} word (lr, gbt, rf) on a command line; errors list the known ones. */
public final class TrainerKindConverter implements ITypeConverter<TrainerKind> {
  @Override
  public TrainerKind convert(String value) {
    try {
      return TrainerKind.parse(value);
    } catch (IllegalArgumentException e) {
      // Picocli prefixes "Invalid value for option '--trainer': ", so the message names both.
      throw new TypeConversionException(e.getMessage());
    }
  }
}
