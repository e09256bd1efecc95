package cn.fengtai.pool.query.readmodel;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions.BigDecimalRepresentation;

import java.time.LocalDate;
import java.util.List;

/**
 * How the read models store the values of events, chosen so that every value an event can hold is stored as it is:
 * days as ISO-8601 text (a BSON date cannot hold the years a {@link LocalDate} can, and a day has no time zone) and
 * amounts as decimal text (Decimal128 holds 34 digits). Within the dates the API accepts, the text sorts as the days do.
 */
public final class ReadModelConversions {

    private ReadModelConversions() {
    }

    /** These conversions and the read models' own writing converters ({@code ProjectDocument}). */
    public static MongoCustomConversions conversions(Converter<?, ?>... readModels) {
        return MongoCustomConversions.create(adapter -> adapter
                .bigDecimal(BigDecimalRepresentation.STRING)
                .registerConverter(DayAsText.INSTANCE)
                .registerConverter(TextAsDay.INSTANCE)
                .registerConverters(List.of(readModels)));
    }

    /** A day as the read models store it. */
    public static String day(LocalDate day) {
        return day == null ? null : day.toString();
    }

    @WritingConverter
    enum DayAsText implements Converter<LocalDate, String> {
        INSTANCE;

        @Override
        public String convert(LocalDate day) {
            return day.toString();
        }
    }

    @ReadingConverter
    enum TextAsDay implements Converter<String, LocalDate> {
        INSTANCE;

        @Override
        public LocalDate convert(String text) {
            return LocalDate.parse(text);
        }
    }
}
