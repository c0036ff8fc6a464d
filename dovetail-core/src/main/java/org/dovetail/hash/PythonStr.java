package org.dovetail.hash;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.dovetail.InvalidValueException;
import org.dovetail.internal.hash.PythonFloat;

/**
 * The text Python's {@code str()} gives for the Python value a Java value stands for.
 *
 * <p>DataJoint hashes and renders values as Python text (job key hashes, restriction SQL), so a
 * Java process sharing a database with Python workers must print them identically.
 *
 * <table>
 * <caption>Java type, the Python value it stands for, and its text</caption>
 * <tr><th>Java</th><th>Python</th><th>{@code str()}</th></tr>
 * <tr><td>{@code null}</td><td>{@code None}</td><td>{@code None}</td></tr>
 * <tr><td>{@code String}</td><td>{@code str}</td><td>the string itself</td></tr>
 * <tr><td>{@code Boolean}</td><td>{@code bool}</td><td>{@code True}, {@code False}</td></tr>
 * <tr><td>{@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}</td>
 *     <td>{@code int}</td><td>{@code -12}, {@code 1180591620717411303424}</td></tr>
 * <tr><td>{@code Double}</td><td>{@code float}</td>
 *     <td>shortest round-trip repr: {@code 0.1}, {@code 1.0}, {@code 1e-05}, {@code 1e+16},
 *     {@code -0.0}, {@code inf}, {@code nan}</td></tr>
 * <tr><td>{@code BigDecimal}</td><td>{@code decimal.Decimal}</td>
 *     <td>keeps the scale: {@code 1.50}, {@code 0E-8}, {@code 1E+3}</td></tr>
 * <tr><td>{@code LocalDate}</td><td>{@code datetime.date}</td><td>{@code 2020-01-02}</td></tr>
 * <tr><td>{@code LocalDateTime}</td><td>{@code datetime.datetime}</td>
 *     <td>{@code 2020-01-02 03:04:05}, {@code 2020-01-02 03:04:05.000006}</td></tr>
 * <tr><td>{@code Duration}, {@code LocalTime}</td><td>{@code datetime.timedelta}</td>
 *     <td>{@code 1:02:00}, {@code -1 day, 23:00:00}, {@code 2 days, 0:00:00.000005}</td></tr>
 * <tr><td>{@code UUID}</td><td>{@code uuid.UUID}</td>
 *     <td>{@code 12345678-9abc-def0-0fed-cba987654321}</td></tr>
 * <tr><td>{@code byte[]}</td><td>{@code bytes}</td><td>{@code b'abc'}, {@code b"it's"},
 *     {@code b'\x00'}</td></tr>
 * </table>
 *
 * <p>Traps, all following from what Python's MySQL driver returns:
 * <ul>
 * <li><b>FLOAT columns.</b> Python parses the server's text of a single-precision {@code float}
 *     column into a double, so a stored 0.1 is {@code 0.1}. Widening a Java {@code float} gives
 *     0.10000000149011612 and a different hash. {@code Float} is therefore rejected: read the
 *     column as text and pass {@code Double.parseDouble(text)}.</li>
 * <li><b>Booleans.</b> A {@code bool} column is {@code tinyint(1)} and Python fetches it as
 *     {@code int}: pass {@code 0}/{@code 1}, not {@code Boolean} (which prints {@code True}).</li>
 * <li><b>TIME columns</b> arrive in Python as {@code timedelta}, never as {@code datetime.time},
 *     so {@code LocalTime} 03:04:05 prints {@code 3:04:05}, not {@code 03:04:05}.</li>
 * <li><b>DECIMAL columns</b> keep the column's scale: pass the {@code BigDecimal} the driver
 *     returned, not a rescaled or stripped one ({@code 1.50} and {@code 1.5} differ). Small
 *     values print in Python's scientific form: a {@code decimal(20,8)} zero is {@code 0E-8}.</li>
 * <li><b>{@code bigint unsigned}</b> values above {@link Long#MAX_VALUE} must be passed as
 *     {@code BigInteger}; a {@code Long} prints as the signed number it holds.</li>
 * <li>Python's datetime types hold microseconds and years 1–9999; anything finer or wider is
 *     rejected.</li>
 * </ul>
 *
 * <p>Any other type is rejected with a {@link DovetailException}.
 */
final class PythonStr {
    private PythonStr() {
    }

    /**
     * Renders {@code value} as Python's {@code str()} of the corresponding Python value.
     *
     * <pre>{@code
     * PythonStr.str(1e-5);                      // "1e-05"
     * PythonStr.str(new BigDecimal("1.50"));    // "1.50"
     * PythonStr.str(Duration.ofHours(-1));      // "-1 day, 23:00:00"
     * }</pre>
     *
     * @param value a value of one of the types in the table above, or {@code null}
     * @return the Python text
     * @throws DovetailException if the type has no Python counterpart here, or the value does not
     *     fit the Python type
     */
    public static String str(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Boolean flag) {
            return flag ? "True" : "False";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double number) {
            return PythonFloat.repr(number);
        }
        if (value instanceof BigDecimal decimal) {
            // BigDecimal.toString and Python's Decimal.__str__ both implement the "to-scientific-
            // string" rule of the General Decimal Arithmetic spec: same digits, scale and exponent.
            return decimal.toString();
        }
        if (value instanceof LocalDate date) {
            return PythonTime.date(date);
        }
        if (value instanceof LocalDateTime dateTime) {
            return PythonTime.dateTime(dateTime);
        }
        if (value instanceof Duration duration) {
            return PythonTime.timedelta(duration);
        }
        if (value instanceof LocalTime time) {
            return PythonTime.timedelta(Duration.ofNanos(time.toNanoOfDay()));
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        if (value instanceof byte[] bytes) {
            return PythonBytes.repr(bytes);
        }
        if (value instanceof Float) {
            throw new InvalidValueException("A Float has lost the text Python parses for a FLOAT column "
                    + "(0.1f widens to 0.10000000149011612); read the column as text and pass "
                    + "Double.parseDouble(text)");
        }
        throw new InvalidValueException("No Python str() for a " + value.getClass().getName()
                + "; use String, Boolean, Long/Integer/Short/Byte/BigInteger, Double, BigDecimal, "
                + "LocalDate, LocalDateTime, Duration, LocalTime, UUID or byte[]");
    }
}
