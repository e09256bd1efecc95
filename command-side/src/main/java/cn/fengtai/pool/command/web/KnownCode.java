package cn.fengtai.pool.command.web;

import cn.fengtai.pool.events.reference.ReferenceCodes;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Predicate;

/** The value must be a code of one of the district's lists; null is left to {@code @NotBlank}. */
@Target({ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownCode.Validator.class)
public @interface KnownCode {

    enum CodeList {
        STREET(ReferenceCodes::isStreet, "a street code from reference/streets.csv"),
        ISSUE_TYPE(ReferenceCodes::isIssueType, "an issue type code from reference/issue-types.csv"),
        DEPARTMENT(ReferenceCodes::isDepartment, "a department code from reference/departments.csv");

        final Predicate<String> known;
        final String expected;

        CodeList(Predicate<String> known, String expected) {
            this.known = known;
            this.expected = expected;
        }
    }

    CodeList value();

    String message() default "must be {expected}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<KnownCode, String> {

        private CodeList list;

        @Override
        public void initialize(KnownCode annotation) {
            list = annotation.value();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || list.known.test(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be " + list.expected).addConstraintViolation();
            return false;
        }
    }
}
